package io.pgha.modules.system;

import io.pgha.core.Shell;
import io.pgha.modules.ModuleContext;

/**
 * SysV init scripts in /etc/init.d for hosts without systemd; boot links through update-rc.d
 * (Debian) or chkconfig (RedHat), whichever the host has.
 */
final class SysvControl implements ServiceControl {

    @Override
    public ServiceStatus status(ModuleContext ctx, String name) throws Exception {
        return parse(HostShell.run(ctx, statusScript(name)).stdout());
    }

    static String statusScript(String name) {
        String q = Shell.quote(name);
        return "[ -x /etc/init.d/" + q + " ] || { echo found=no; exit 0; }; echo found=yes; "
                + "/etc/init.d/" + q + " status >/dev/null 2>&1; echo \"status_rc=$?\"; "
                // a start link in any multi-user runlevel (Debian /etc/rcN.d, RedHat /etc/rc.d/rcN.d)
                + "for f in /etc/rc[2345].d/S[0-9][0-9]" + q + " /etc/rc.d/rc[2345].d/S[0-9][0-9]" + q + "; do "
                + "[ -e \"$f\" ] && { echo enabled=yes; exit 0; }; done; echo enabled=no; exit 0";
    }

    static ServiceStatus parse(String out) {
        boolean found = out.contains("found=yes");
        boolean running = out.contains("status_rc=0");
        boolean enabled = out.contains("enabled=yes");
        return new ServiceStatus(found, running, enabled, false, (running ? "running" : "stopped") + "/" + (enabled ? "enabled" : "disabled"));
    }

    @Override
    public String actionScript(String name, String action) {
        return "/etc/init.d/" + Shell.quote(name) + " " + action;
    }

    @Override
    public String enableScript(String name, boolean on) {
        String q = Shell.quote(name);
        return "if command -v update-rc.d >/dev/null 2>&1; then "
                + (on ? "update-rc.d " + q + " defaults >/dev/null && update-rc.d " + q + " enable" : "update-rc.d " + q + " disable")
                + "; elif command -v chkconfig >/dev/null 2>&1; then "
                + (on ? "chkconfig --add " + q + " && chkconfig " + q + " on" : "chkconfig " + q + " off")
                + "; else echo 'neither update-rc.d nor chkconfig found' >&2; exit 127; fi";
    }

    @Override public String daemonReloadScript() { return null; }

    @Override public String recentLog(ModuleContext ctx, String name) { return ""; }
}
