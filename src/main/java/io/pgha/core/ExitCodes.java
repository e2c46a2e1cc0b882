package io.pgha.core;

/** Process exit codes, the same for every verb. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;      // an unexpected internal error
    public static final int BAD_INPUT = 2;    // inventory, playbook, arguments
    public static final int HOST_FAILED = 3;  // a task failed on a host
    public static final int UNREACHABLE = 4;  // a host could not be reached or authenticated

    private ExitCodes() {}
}
