package io.pgha.engine;

import io.pgha.playbook.Play;
import io.pgha.playbook.Task;

import java.time.Duration;
import java.util.List;

/** Events of a run, for the console and --json outputs. Called from the runner's thread, except progress/command. */
public interface RunListener {
    default void playStarted(Play play, List<String> hosts) {}

    /** A task begins on these hosts (handler true for handlers). */
    default void taskStarted(String taskName, Task task, boolean handler, List<String> hosts) {}

    /**
     * A block with rescue: or always: (or a name) starts a section, "block", "rescue" or "always", on
     * these hosts (rescue: those that failed in the block); {@code name} is null for a block without one.
     */
    default void blockStarted(String name, String section, List<String> hosts) {}

    /** A long step reports progress (any thread). */
    default void progress(String host, String message) {}

    /** A command ran on a host (shown with -v; output with -vv). Any thread. */
    default void command(String host, String command, int exitCode, String stdout, String stderr, Duration took) {}

    /** The task finished on every host it ran on. */
    default void taskFinished(String taskName, Task task, List<HostTaskResult> results, Duration took) {}

    /** A warning that is not a failure (deprecated syntax, skipped host). */
    default void warning(String message) {}

    default void runFinished(Recap recap) {}
}
