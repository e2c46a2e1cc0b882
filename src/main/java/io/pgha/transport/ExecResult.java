package io.pgha.transport;

import java.time.Duration;

/** Exit code and captured output of one command. */
public record ExecResult(int exitCode, String stdout, String stderr, Duration duration) {
    public boolean ok() { return exitCode == 0; }
}
