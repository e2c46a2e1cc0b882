package io.pgha.modules.system;

import io.pgha.modules.ArgSpec;
import io.pgha.modules.ArgSpec.Type;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.transport.ExecResult;

import java.time.Duration;
import java.util.Map;

/**
 * wait_for: waits, on the host, until a port accepts connections (or stops), a path appears (or
 * goes, or holds search_regex), or a command succeeds. Never 'changed'. Returns elapsed seconds.
 * In check mode it looks once and does not wait: what it waits for may be what check mode did not start.
 */
public final class WaitForModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .optional("host", Type.STRING, "127.0.0.1")
            .optional("port", Type.INT)
            .optional("path", Type.STRING)
            .optional("command", Type.STRING)
            .oneOf("port", "path", "command")
            .choice("state", false, "started", "started", "stopped", "present", "absent")
            .optional("search_regex", Type.STRING)
            .optional("timeout", Type.INT, 300)
            .optional("delay", Type.INT, 0)
            .optional("sleep", Type.INT, 1)
            .optional("connect_timeout", Type.INT, 5)
            .optional("msg", Type.STRING);

    @Override public String name() { return "wait_for"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    public ModuleResult run(ModuleContext ctx, Map<String, Object> args) throws Exception {
        Integer port = Args.integer(args, "port");
        String path = Args.str(args, "path");
        String command = Args.str(args, "command");
        int given = (port != null ? 1 : 0) + (path != null ? 1 : 0) + (command != null ? 1 : 0);
        if (given != 1) throw new TaskFailure("give exactly one of port, path or command");
        String state = Args.choice(args, "state", "started", "started", "stopped", "present", "absent");
        boolean wantUp = state.equals("started") || state.equals("present");
        String host = Args.str(args, "host", "127.0.0.1");
        if (!host.matches("[A-Za-z0-9._:-]+")) throw new TaskFailure("host '" + host + "' is not a host name or address");
        double timeout = Args.seconds(args, "timeout", 300);
        double delay = Args.seconds(args, "delay", 0);
        double sleep = Args.seconds(args, "sleep", 1);
        double connectTimeout = Args.seconds(args, "connect_timeout", 5);
        String searchRegex = Args.str(args, "search_regex");
        if (searchRegex != null && path == null) throw new TaskFailure("search_regex needs path");

        String check;
        String what;
        if (port != null) {
            if (port < 1 || port > 65535) throw new TaskFailure("port must be 1-65535, got " + port);
            String open = WaitScript.portOpen(host, port, connectTimeout);
            check = wantUp ? open : "! { " + open + "; }";
            what = host + ":" + port + (wantUp ? " to accept connections" : " to stop accepting connections");
        } else if (path != null) {
            check = wantUp ? WaitScript.pathPresent(path, searchRegex) : WaitScript.pathAbsent(path);
            what = path + (wantUp ? (searchRegex == null ? " to exist" : " to contain /" + searchRegex + "/") : " to be absent");
        } else {
            check = WaitScript.commandSucceeds(command);
            what = "'" + CommandRun.display(command) + "' to succeed";
        }

        boolean once = ctx.checkMode();
        String script = WaitScript.loop(check, once ? 0 : delay, once ? 0 : timeout, sleep);
        Duration limit = Duration.ofMillis((long) ((delay + timeout + connectTimeout + 30) * 1000));
        long t0 = System.nanoTime();
        ExecResult r = HostShell.run(ctx, script, limit);
        double elapsed = Math.round((System.nanoTime() - t0) / 1e6) / 1000.0;

        if (r.exitCode() == 0) return ModuleResult.ok("waited " + elapsed + " s for " + what).withData("elapsed", elapsed);
        if (r.exitCode() == WaitScript.NO_PROBE) return ModuleResult.failed(HostShell.why(r)).withData("elapsed", elapsed);
        if (once) {
            return ModuleResult.skipped("check mode: would wait for " + what + " (not true now)").withData("elapsed", elapsed);
        }
        String custom = Args.str(args, "msg");
        String last = HostShell.tail(r.stdout(), 5).strip();
        String msg = custom != null ? custom
                : "timed out after " + (long) timeout + " s waiting for " + what + (last.isEmpty() ? "" : "; last output: " + last);
        return ModuleResult.failed(msg).withData("elapsed", elapsed);
    }
}
