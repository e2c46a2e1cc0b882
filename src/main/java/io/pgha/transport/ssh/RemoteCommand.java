package io.pgha.transport.ssh;

import io.pgha.transport.ExecRequest;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns an ExecRequest into the one string sent in the SSH exec request. The command always runs
 * under /bin/sh -c (whatever the login shell is); env vars are exported inline (no env requests,
 * which sshd refuses unless AcceptEnv allows them); become goes through sudo without a TTY.
 */
final class RemoteCommand {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private RemoteCommand() {}

    /** Markers for sudo with a password: the prompt sudo prints, and the line the command prints once it runs. */
    record BecomeMarkers(String prompt, String started) {
        static BecomeMarkers random(java.util.Random rnd) {
            String token = Long.toHexString(rnd.nextLong() & Long.MAX_VALUE) + Long.toHexString(rnd.nextLong() & Long.MAX_VALUE);
            return new BecomeMarkers("[pgha-sudo-" + token + "] password:", "pgha-become-started-" + token);
        }
    }

    /**
     * The wire command. With markers (become with a password), sudo reads the password from stdin
     * after printing markers.prompt() on stderr, and the command announces itself with markers.started()
     * on stderr, so the caller sends the password only when asked and the request's stdin only once the
     * command runs (never the password into the command's stdin when sudo does not ask for it).
     */
    static String build(ExecRequest r, BecomeMarkers markers) {
        return build(r, markers, null);
    }

    /**
     * As above; a non-null runId is exported as PGHA_RUN so that every process the command starts can
     * be found (and stopped) after a timeout: see reapScript().
     */
    static String build(ExecRequest r, BecomeMarkers markers, String runId) {
        String script = script(r, runId);
        if (!r.become()) return "/bin/sh -c " + quote(script);
        String user = becomeUser(r);
        if (markers == null) {
            return "sudo -n -H -u " + quote(user) + " -- /bin/sh -c " + quote(script);
        }
        String announced = "printf '%s\\n' " + quote(markers.started()) + " >&2\n" + script;
        return "sudo -S -p " + quote(markers.prompt()) + " -H -u " + quote(user) + " -- /bin/sh -c " + quote(announced);
    }

    /** The user a become request runs as: root unless it names another. */
    static String becomeUser(ExecRequest r) {
        return r.becomeUser() == null || r.becomeUser().isBlank() ? "root" : r.becomeUser();
    }

    /** The shell text run as the requested user: PGHA_RUN and env exported, then the command. */
    static String script(ExecRequest r, String runId) {
        return (runId == null ? "" : "export " + RUN_VAR + "=" + runId + "; ") + envExports(r.env()) + r.command();
    }

    /**
     * Stops every process still carrying PGHA_RUN=runId in its environment (the timed-out command and
     * its children, which a signal to the top process alone would leave running: sudo and sh do not
     * pass it on to grandchildren). TERM first, KILL for what is left a moment later.
     */
    static String reapScript(String runId) {
        String find = "for p in /proc/[0-9]*; do grep -qxzF '" + RUN_VAR + "=" + runId + "' \"$p/environ\" 2>/dev/null"
                + " && echo \"${p#/proc/}\"; done";
        return "pids=$(" + find + "); [ -z \"$pids\" ] && exit 0; kill -TERM $pids 2>/dev/null; sleep 0.5;"
                + " pids=$(" + find + "); [ -n \"$pids\" ] && kill -KILL $pids 2>/dev/null; exit 0";
    }

    static final String RUN_VAR = "PGHA_RUN";

    /** "export A='1' B='x y'; " (sorted, so the wire text is stable), or "" when there is nothing to export. */
    static String envExports(Map<String, String> env) {
        if (env == null || env.isEmpty()) return "";
        StringBuilder sb = new StringBuilder("export");
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("not a valid environment variable name: '" + e.getKey() + "'");
            }
            sb.append(' ').append(e.getKey()).append('=').append(quote(e.getValue() == null ? "" : e.getValue()));
        }
        return sb.append("; ").toString();
    }

    /** POSIX single-quoting: safe for any text, including quotes and newlines. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The first 80 characters of a command, on one line, for messages. */
    static String preview(String command) {
        String one = command.replaceAll("\\s+", " ").trim();
        return one.length() <= 80 ? one : one.substring(0, 80) + "...";
    }
}
