package io.pgha.modules.system;

import io.pgha.core.Shell;
import io.pgha.modules.ModuleContext;

import java.util.HashMap;
import java.util.Map;

/** systemd through systemctl; state read in one round trip. */
final class SystemdControl implements ServiceControl {
    static final int LOG_LINES = 20;

    @Override
    public ServiceStatus status(ModuleContext ctx, String name) throws Exception {
        return parse(HostShell.run(ctx, statusScript(name)).stdout());
    }

    /** LoadState without --value: systemd before 230 (CentOS 7) lacks it. */
    static String statusScript(String name) {
        String q = Shell.quote(name);
        return "l=$(systemctl show -p LoadState " + q + " 2>/dev/null); echo \"load=${l#LoadState=}\"; "
                + "echo \"active=$(systemctl is-active " + q + " 2>/dev/null)\"; "
                + "e=$(systemctl is-enabled " + q + " 2>/dev/null); rc=$?; "
                + "echo \"enabled=$(echo \"$e\" | head -n 1)\"; echo \"enabled_rc=$rc\"; exit 0";
    }

    static ServiceStatus parse(String out) {
        Map<String, String> kv = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) kv.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        String load = kv.getOrDefault("load", "");
        String active = kv.getOrDefault("active", "");
        String enabled = kv.getOrDefault("enabled", "");
        boolean found = !load.isEmpty() && !load.equals("not-found");
        boolean running = active.equals("active") || active.equals("activating") || active.equals("reloading");
        // is-enabled exits 0 for enabled, enabled-runtime, static, indirect, alias, generated, ...
        boolean isEnabled = "0".equals(kv.get("enabled_rc")) && !enabled.equals("indirect") && !enabled.equals("alias");
        boolean fixed = enabled.equals("static") || enabled.equals("generated") || enabled.equals("transient");
        return new ServiceStatus(found, running, isEnabled, fixed, (active.isEmpty() ? "unknown" : active) + "/" + (enabled.isEmpty() ? "unknown" : enabled));
    }

    @Override
    public String actionScript(String name, String action) {
        return "systemctl " + action + " " + Shell.quote(name);
    }

    @Override
    public String enableScript(String name, boolean on) {
        return "systemctl " + (on ? "enable " : "disable ") + Shell.quote(name);
    }

    @Override
    public String daemonReloadScript() { return "systemctl daemon-reload"; }

    @Override
    public String recentLog(ModuleContext ctx, String name) {
        try {
            return HostShell.tail(HostShell.run(ctx, "journalctl -u " + Shell.quote(name) + " -n " + LOG_LINES
                    + " --no-pager -q 2>&1; exit 0").stdout(), LOG_LINES);
        } catch (Exception e) {
            return "";   // the failure itself is what matters; the log is a bonus
        }
    }
}
