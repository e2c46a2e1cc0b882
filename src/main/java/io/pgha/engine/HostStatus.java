package io.pgha.engine;

/** Outcome of a task on one host, as counted in the recap. */
public enum HostStatus {
    OK, CHANGED, FAILED, SKIPPED, UNREACHABLE;

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
