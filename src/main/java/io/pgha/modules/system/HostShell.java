package io.pgha.modules.system;

import io.pgha.core.Shell;
import io.pgha.modules.ModuleContext;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.TransportException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Running scripts on the host with the task's become applied, and small text helpers for the results. */
final class HostShell {
    private HostShell() {}

    /** A request for the script with the task's become (ModuleContext.exec(request) takes become as given). */
    static ExecRequest request(ModuleContext ctx, String script) {
        return ExecRequest.of(script).asBecome(ctx.become(), ctx.becomeUser());
    }

    static ExecResult run(ModuleContext ctx, String script) throws TransportException {
        return ctx.exec(request(ctx, script));
    }

    static ExecResult run(ModuleContext ctx, String script, Duration timeout) throws TransportException {
        return ctx.exec(request(ctx, script).withTimeout(timeout));
    }

    /**
     * Writes a file as the become user: content travels on stdin (never in the command line or logs),
     * lands in a temporary file next to the target and is renamed over it (no torn files).
     */
    static ExecResult writeFile(ModuleContext ctx, String path, String content, String mode) throws TransportException {
        String q = Shell.quote(path);
        String script = "set -e; d=$(dirname " + q + "); [ -d \"$d\" ] || mkdir -p \"$d\"; "
                + "t=$(mktemp \"$d/.pgha.XXXXXX\"); trap 'rm -f \"$t\"' EXIT; cat > \"$t\"; chmod " + mode + " \"$t\"; "
                + "mv -f \"$t\" " + q + "; trap - EXIT";
        return ctx.exec(request(ctx, script).withStdin(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** The last n lines of text (whole text when shorter), without a trailing newline. */
    static String tail(String text, int n) {
        if (text == null) return "";
        String t = stripTrailingNewlines(text);
        String[] lines = t.split("\n", -1);
        if (lines.length <= n) return t;
        return String.join("\n", java.util.Arrays.copyOfRange(lines, lines.length - n, lines.length));
    }

    static String stripTrailingNewlines(String s) {
        if (s == null) return "";
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) end--;
        return s.substring(0, end);
    }

    /** stderr, else stdout, last lines, for failure messages. */
    static String why(ExecResult r) {
        String e = tail(r.stderr(), 5).strip();
        return e.isEmpty() ? tail(r.stdout(), 5).strip() : e;
    }
}
