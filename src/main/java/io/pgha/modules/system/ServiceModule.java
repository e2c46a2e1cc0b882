package io.pgha.modules.system;

import io.pgha.modules.ArgSpec;
import io.pgha.modules.ArgSpec.Type;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.transport.ExecResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * service: a service started/stopped (restarted/reloaded on request) and enabled at boot or not.
 * systemd via systemctl; SysV init scripts when the host's facts say it has no systemd. A failed
 * step's message carries the service's last log lines (journalctl -u).
 */
public final class ServiceModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .required("name", Type.STRING)
            .choice("state", false, null, "started", "stopped", "restarted", "reloaded")
            .optional("enabled", Type.BOOL)
            .optional("daemon_reload", Type.BOOL, false)
            .oneOf("state", "enabled", "daemon_reload");

    @Override public String name() { return "service"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    public ModuleResult run(ModuleContext ctx, Map<String, Object> args) throws Exception {
        String name = Args.required(args, "name");
        if (!name.matches("[A-Za-z0-9@_.:\\\\-]+")) throw new TaskFailure("'" + name + "' is not a valid service name");
        String state = Args.choice(args, "state", null, "started", "stopped", "restarted", "reloaded");
        Boolean enabled = Args.bool(args, "enabled");
        boolean daemonReload = Args.bool(args, "daemon_reload", false);
        if (state == null && enabled == null && !daemonReload) throw new TaskFailure("give state, enabled or daemon_reload");

        ServiceControl control = "systemd".equals(ctx.facts().initSystem()) ? new SystemdControl() : new SysvControl();
        if (daemonReload && control.daemonReloadScript() != null && !ctx.checkMode()) {
            ExecResult r = HostShell.run(ctx, control.daemonReloadScript());
            if (!r.ok()) return ModuleResult.failed("systemctl daemon-reload failed: " + HostShell.why(r));
        }
        ServiceStatus before = control.status(ctx, name);
        if (!before.found()) {
            if (state == null && enabled == null) return ModuleResult.ok("daemon reloaded");
            // In check mode an earlier task that would install the service did not run.
            if (ctx.checkMode()) return ModuleResult.changed("would manage " + name + " (not installed yet)").withData(data(name, before));
            return ModuleResult.failed("service " + name + " not found on " + ctx.hostName()
                    + " (no unit or init script; is it installed?)").withData(data(name, before));
        }
        List<String> steps = ServicePlan.steps(before, state, enabled);
        if (steps.isEmpty()) return ModuleResult.ok(name + " is " + before.detail()).withData(data(name, before));
        if (ctx.checkMode()) return ModuleResult.changed("would " + String.join(", ", steps) + " " + name).withData(data(name, before));

        for (String step : steps) {
            String script = step.equals("enable") || step.equals("disable")
                    ? control.enableScript(name, step.equals("enable")) : control.actionScript(name, step);
            ExecResult r = HostShell.run(ctx, script);
            if (!r.ok()) {
                String log = control.recentLog(ctx, name);
                return ModuleResult.failed(step + " " + name + " failed: " + HostShell.why(r)
                                + (log.isBlank() ? "" : "\nlast log lines of " + name + ":\n" + log))
                        .withData(data(name, before)).withData("rc", r.exitCode());
            }
        }
        ServiceStatus after = control.status(ctx, name);
        boolean wantRunning = state != null && !state.equals("stopped");
        if (wantRunning && !after.running()) {
            // Type=simple units report a successful start and die right after.
            String log = control.recentLog(ctx, name);
            return ModuleResult.failed(name + " is not running after " + String.join(", ", steps) + " (" + after.detail() + ")"
                    + (log.isBlank() ? "" : "\nlast log lines of " + name + ":\n" + log)).withData(data(name, after));
        }
        return ModuleResult.changed(String.join(", ", steps) + " " + name + " (now " + after.detail() + ")").withData(data(name, after));
    }

    private static Map<String, Object> data(String name, ServiceStatus s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("running", s.running());
        d.put("enabled", s.enabled());
        d.put("status", s.detail());
        return d;
    }
}
