package io.pgha.modules.system;

import io.pgha.core.Shell;

import java.util.Locale;

/**
 * The wait, as one script that runs on the host: no round trip per try, and the check sees what the
 * host sees (a port on its loopback, a file only root can read). Exits 0 once the condition holds,
 * 124 on timeout (printing the last check's output).
 */
final class WaitScript {
    static final int TIMED_OUT = 124;
    static final int NO_PROBE = 3;

    private WaitScript() {}

    /** Shell text that exits 0 when host:port accepts a connection: bash /dev/tcp, else nc. */
    static String portOpen(String host, int port, double connectTimeout) {
        String target = "/dev/tcp/" + host + "/" + port;
        String ct = num(Math.max(1, connectTimeout));
        return "if command -v bash >/dev/null 2>&1; then "
                + "if command -v timeout >/dev/null 2>&1; then timeout " + ct + " bash -c " + Shell.quote("exec 3<>" + target) + " 2>/dev/null; "
                + "else bash -c " + Shell.quote("exec 3<>" + target) + " 2>/dev/null; fi; "
                + "elif command -v nc >/dev/null 2>&1; then nc -z -w " + ct + " " + Shell.quote(host) + " " + port + " 2>/dev/null; "
                + "else echo 'wait_for needs bash or nc on the host' >&2; exit " + NO_PROBE + "; fi";
    }

    static String pathPresent(String path, String searchRegex) {
        if (searchRegex == null) return "[ -e " + Shell.quote(path) + " ]";
        return "grep -Eq -- " + Shell.quote(searchRegex) + " " + Shell.quote(path) + " 2>/dev/null";
    }

    static String pathAbsent(String path) {
        return "[ ! -e " + Shell.quote(path) + " ]";
    }

    /** The user's command, output kept for the timeout message. */
    static String commandSucceeds(String command) {
        return "out=$(/bin/sh -c " + Shell.quote(command) + " 2>&1)";
    }

    /**
     * @param check   shell text, exit 0 when the condition holds
     * @param timeout seconds to keep trying after the delay (0: check once)
     */
    static String loop(String check, double delay, double timeout, double sleep) {
        StringBuilder s = new StringBuilder();
        s.append("out=\n");
        s.append("check() { ").append(check).append("\n}\n");
        if (delay > 0) s.append("sleep ").append(num(delay)).append("\n");
        // centiseconds from /proc/uptime (monotonic, finer than date +%s), date as a fallback
        s.append("now() { if read u _ < /proc/uptime 2>/dev/null; then echo \"${u%.*}${u#*.}\"; else echo $(( $(date +%s) * 100 )); fi; }\n");
        s.append("start=$(now)\n");
        s.append("while :; do\n");
        s.append("  check && exit 0\n");
        s.append("  [ $(( $(now) - start )) -ge ").append(Math.round(timeout * 100)).append(" ] && { printf '%s' \"$out\"; exit ")
                .append(TIMED_OUT).append("; }\n");
        s.append("  sleep ").append(num(Math.max(0.1, sleep))).append("\n");
        s.append("done");
        return s.toString();
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }
}
