package io.pgha.transport;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A command to run on a host. The command is a shell script line run by /bin/sh -c (always, so
 * pipes and redirections work). With become, it runs as becomeUser through sudo without a TTY
 * (sudo -n -H -u USER -- /bin/sh -c '...').
 *
 * @param command      shell text
 * @param become       run through sudo
 * @param becomeUser   target user (root when null)
 * @param timeout      kill the channel and fail after this long (null: no limit)
 * @param stdin        bytes fed on stdin (null: none); never logged, so secrets can travel here
 * @param env          extra environment variables, exported in front of the command
 * @param outputLines  receives each stdout/stderr line as it arrives (progress of long steps); may be null
 */
public record ExecRequest(String command, boolean become, String becomeUser, Duration timeout,
                          byte[] stdin, Map<String, String> env, Consumer<String> outputLines) {

    public static ExecRequest of(String command) {
        return new ExecRequest(command, false, null, Duration.ofMinutes(10), null, Map.of(), null);
    }

    public ExecRequest asBecome(boolean on, String user) {
        return new ExecRequest(command, on, user, timeout, stdin, env, outputLines);
    }

    public ExecRequest withTimeout(Duration t) {
        return new ExecRequest(command, become, becomeUser, t, stdin, env, outputLines);
    }

    public ExecRequest withStdin(byte[] in) {
        return new ExecRequest(command, become, becomeUser, timeout, in, env, outputLines);
    }

    public ExecRequest withEnv(Map<String, String> e) {
        return new ExecRequest(command, become, becomeUser, timeout, stdin, Map.copyOf(e), outputLines);
    }

    public ExecRequest onOutput(Consumer<String> lines) {
        return new ExecRequest(command, become, becomeUser, timeout, stdin, env, lines);
    }
}
