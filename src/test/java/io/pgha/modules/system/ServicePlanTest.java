package io.pgha.modules.system;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServicePlanTest {
    static ServiceStatus systemd(String active, String enabled, int rc) {
        return SystemdControl.parse("load=loaded\nactive=" + active + "\nenabled=" + enabled + "\nenabled_rc=" + rc + "\n");
    }

    @Test
    void readsSystemctlAnswers() {
        ServiceStatus s = systemd("active", "enabled", 0);
        assertTrue(s.found() && s.running() && s.enabled() && !s.fixedBoot());
        ServiceStatus d = systemd("failed", "disabled", 1);
        assertTrue(d.found() && !d.running() && !d.enabled());
        assertFalse(systemd("inactive", "indirect", 0).enabled());
        assertTrue(systemd("inactive", "static", 0).fixedBoot());
        assertFalse(SystemdControl.parse("load=not-found\nactive=inactive\nenabled=\nenabled_rc=4\n").found());
        assertEquals("activating/enabled", systemd("activating", "enabled", 0).detail());
    }

    @Test
    void stepsOnlyForWhatDiffers() {
        assertEquals(List.of(), ServicePlan.steps(systemd("active", "enabled", 0), "started", true));
        assertEquals(List.of("enable", "start"), ServicePlan.steps(systemd("inactive", "disabled", 1), "started", true));
        assertEquals(List.of("disable", "stop"), ServicePlan.steps(systemd("active", "enabled", 0), "stopped", false));
        assertEquals(List.of("restart"), ServicePlan.steps(systemd("active", "enabled", 0), "restarted", null));
        assertEquals(List.of("reload"), ServicePlan.steps(systemd("active", "enabled", 0), "reloaded", null));
        assertEquals(List.of("start"), ServicePlan.steps(systemd("inactive", "enabled", 0), "reloaded", null));
        // static units: boot state is not ours to change, so no flapping enable every run
        assertEquals(List.of(), ServicePlan.steps(systemd("active", "static", 0), "started", true));
        assertEquals(List.of(), ServicePlan.steps(systemd("active", "static", 0), null, false));
    }

    @Test
    void sysvStatusAndBootLinks() {
        ServiceStatus s = SysvControl.parse("found=yes\nstatus_rc=3\nenabled=yes\n");
        assertTrue(s.found() && !s.running() && s.enabled());
        assertFalse(SysvControl.parse("found=no\n").found());
        SysvControl c = new SysvControl();
        assertEquals("/etc/init.d/'keepalived' start", c.actionScript("keepalived", "start"));
        String en = c.enableScript("keepalived", true);
        assertTrue(en.contains("update-rc.d 'keepalived' defaults") && en.contains("chkconfig 'keepalived' on"), en);
        assertTrue(SysvControl.statusScript("x").contains("/etc/rc[2345].d/S[0-9][0-9]'x'"));
    }
}
