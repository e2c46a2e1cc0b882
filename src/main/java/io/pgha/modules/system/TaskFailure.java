package io.pgha.modules.system;

/**
 * The task fails with this message: an argument that cannot be used as given, or a host step that
 * must succeed and did not. Checked on purpose: the engine turns a checked
 * exception from a module into a FAILED result carrying just this message (no class name).
 */
final class TaskFailure extends Exception {
    TaskFailure(String message) { super(message); }
}
