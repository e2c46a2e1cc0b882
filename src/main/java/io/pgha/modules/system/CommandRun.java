package io.pgha.modules.system;

import io.pgha.modules.ArgSpec;
import io.pgha.modules.ArgSpec.Type;

import io.pgha.core.Shell;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.ThrottledProgress;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.TransportException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What command and shell share: the creates/removes guards, chdir, stdin, env, the run itself and the
 * registered result (rc, stdout, stderr, stdout_lines, stderr_lines, cmd, delta).
 */
final class CommandRun {
    private CommandRun() {}

    /** The arguments command and shell both take, added to spec. */
    static ArgSpec runOptions(ArgSpec spec) {
        return spec.optional("chdir", Type.STRING)
                .optional("creates", Type.STRING)
                .optional("removes", Type.STRING)
                .optional("stdin", Type.STRING)
                .optional("stdin_add_newline", Type.BOOL, true)
                .optional("env", Type.MAP)
                .optional("timeout", Type.INT)
                .optional("read_only", Type.BOOL, false);
    }

    /**
     * @param script  shell text that runs the command (already quoted as the module wants)
     * @param cmd     the command as the user wrote it, for 'cmd' in the result and messages
     */
    static ModuleResult run(ModuleContext ctx, Map<String, Object> args, String script, Object cmd) throws Exception {
        String chdir = Args.str(args, "chdir");
        String creates = Args.str(args, "creates");
        String removes = Args.str(args, "removes");
        boolean readOnly = Args.bool(args, "read_only", false);

        if (creates != null || removes != null) {
            String skip = guard(ctx, chdir, creates, removes);
            if (skip != null) return skipped(cmd, skip);
        }
        if (ctx.checkMode() && !readOnly) {
            return ModuleResult.skipped("check mode: would run " + display(cmd)).withData("cmd", cmd);
        }

        String full = (chdir == null ? "" : "cd " + Shell.quote(chdir) + " || exit 1\n") + script;
        ExecRequest req = HostShell.request(ctx, full).withTimeout(timeout(args))
                .onOutput(new ThrottledProgress(ctx::progress, ThrottledProgress.INTERVAL_MS));
        String stdin = Args.str(args, "stdin");
        if (stdin != null) {
            if (Args.bool(args, "stdin_add_newline", true) && !stdin.endsWith("\n")) stdin += "\n";
            req = req.withStdin(stdin.getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> env = env(args);
        if (!env.isEmpty()) req = req.withEnv(env);

        ExecResult r = ctx.exec(req);
        Map<String, Object> data = data(cmd, r.exitCode(), r.stdout(), r.stderr());
        data.put("delta", r.duration() == null ? 0.0 : r.duration().toMillis() / 1000.0);
        if (r.exitCode() != 0) {
            String tail = HostShell.why(r);
            return ModuleResult.failed("non-zero return code " + r.exitCode() + (tail.isEmpty() ? "" : ": " + tail))
                    .withData(data);
        }
        return (readOnly ? ModuleResult.ok(null) : ModuleResult.changed(null)).withData(data);
    }

    /** A skip reason when creates exists or removes does not, else null. One round trip for both. */
    private static String guard(ModuleContext ctx, String chdir, String creates, String removes) throws TransportException {
        StringBuilder s = new StringBuilder();
        if (chdir != null) s.append("cd ").append(Shell.quote(chdir)).append(" 2>/dev/null\n");
        // $1 unquoted so that globs match (creates: /opt/x/*.so); IFS=newline keeps paths with spaces whole.
        s.append("IFS='\n'\nexists() { for f in $1; do [ -e \"$f\" ] && return 0; done; return 1; }\n");
        if (creates != null) s.append("exists ").append(Shell.quote(creates)).append(" && echo creates\n");
        if (removes != null) s.append("exists ").append(Shell.quote(removes)).append(" || echo removes\n");
        s.append("exit 0");
        ExecResult r = HostShell.run(ctx, s.toString());
        String out = r.stdout();
        if (out.contains("creates")) return "skipped, since " + creates + " exists";
        if (out.contains("removes")) return "skipped, since " + removes + " does not exist";
        return null;
    }

    private static ModuleResult skipped(Object cmd, String why) {
        Map<String, Object> data = data(cmd, 0, why, "");
        return ModuleResult.ok(why).withData(data);
    }

    static Map<String, Object> data(Object cmd, int rc, String stdout, String stderr) {
        Map<String, Object> d = new LinkedHashMap<>();
        String out = HostShell.stripTrailingNewlines(stdout);
        String err = HostShell.stripTrailingNewlines(stderr);
        d.put("cmd", cmd);
        d.put("rc", rc);
        d.put("stdout", out);
        d.put("stderr", err);
        d.put("stdout_lines", lines(out));
        d.put("stderr_lines", lines(err));
        return d;
    }

    static List<String> lines(String s) {
        if (s.isEmpty()) return List.of();
        return List.of(s.split("\r?\n", -1));
    }

    private static Duration timeout(Map<String, Object> args) throws TaskFailure {
        double t = Args.seconds(args, "timeout", 0);
        return t <= 0 ? null : Duration.ofMillis((long) (t * 1000));
    }

    private static Map<String, String> env(Map<String, Object> args) throws TaskFailure {
        Object v = args.get("env");
        Map<String, String> env = new LinkedHashMap<>();
        if (v == null) return env;
        if (!(v instanceof Map<?, ?> m)) throw new TaskFailure("argument 'env' must be a map of NAME: value");
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new TaskFailure("env: not a valid variable name: '" + k + "'");
            env.put(k, e.getValue() == null ? "" : String.valueOf(e.getValue()));
        }
        return env;
    }

    static String display(Object cmd) {
        String s = cmd instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : String.valueOf(cmd);
        s = s.replaceAll("\\s+", " ").strip();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
