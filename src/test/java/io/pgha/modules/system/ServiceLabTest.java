package io.pgha.modules.system;

import io.pgha.modules.ModuleResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.pgha.testing.TestArgs.args;

/** service with systemd on db06, on throw-away units (never sshd). */
@Tag("lab")
class ServiceLabTest {
    static LabNode node;
    static final String UNIT = "pgha-modsys-test";
    static final String BROKEN = "pgha-modsys-broken";

    @BeforeAll
    static void setUp() throws Exception {
        node = new LabNode();
        node.sh("printf '[Unit]\\nDescription=pgha modsys test\\n[Service]\\nExecStart=/bin/sleep infinity\\n"
                + "ExecReload=/bin/true\\n[Install]\\nWantedBy=multi-user.target\\n' > /etc/systemd/system/" + UNIT + ".service; "
                + "printf '[Unit]\\nDescription=pgha modsys broken\\n[Service]\\nType=oneshot\\n"
                + "ExecStart=/bin/sh -c \"echo modsys-broken-says-why; exit 7\"\\n' > /etc/systemd/system/" + BROKEN + ".service");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (node != null) {
            node.status("systemctl disable --now " + UNIT + " " + BROKEN + " 2>/dev/null; rm -f /etc/systemd/system/" + UNIT
                    + ".service /etc/systemd/system/" + BROKEN + ".service; systemctl daemon-reload; systemctl reset-failed " + BROKEN + " 2>/dev/null; true");
            node.close();
        }
    }


    String active() { return node.sh("systemctl is-active " + UNIT + "; true").strip(); }
    String enabled() { return node.sh("systemctl is-enabled " + UNIT + "; true").strip(); }

    @Test
    void startEnableStopConverge() throws Exception {
        ServiceModule s = new ServiceModule();
        Map<String, Object> up = args("name", UNIT, "state", "started", "enabled", true, "daemon_reload", true);
        ModuleResult dry = s.run(node.check(), up);
        assertEquals(ModuleResult.Status.CHANGED, dry.status(), dry.msg());
        assertEquals("inactive", active());
        assertEquals("disabled", enabled());

        ModuleResult started = s.run(node.ctx(), up);
        assertEquals(ModuleResult.Status.CHANGED, started.status(), started.msg());
        assertTrue(started.msg().startsWith("enable, start"), started.msg());
        assertEquals("active", active());
        assertEquals("enabled", enabled());
        assertEquals(ModuleResult.Status.OK, s.run(node.ctx(), up).status());

        String pid = node.sh("systemctl show -p MainPID --value " + UNIT).strip();
        assertEquals(ModuleResult.Status.CHANGED, s.run(node.ctx(), args("name", UNIT, "state", "restarted")).status());
        String pid2 = node.sh("systemctl show -p MainPID --value " + UNIT).strip();
        assertTrue(!pid.equals(pid2) && !pid2.equals("0"), pid + " -> " + pid2);
        assertEquals(ModuleResult.Status.CHANGED, s.run(node.ctx(), args("name", UNIT, "state", "reloaded")).status());
        assertEquals(pid2, node.sh("systemctl show -p MainPID --value " + UNIT).strip(), "reload keeps the process");

        Map<String, Object> down = args("name", UNIT, "state", "stopped", "enabled", "no");
        assertEquals(ModuleResult.Status.CHANGED, s.run(node.check(), down).status());
        assertEquals("active", active());
        assertEquals(ModuleResult.Status.CHANGED, s.run(node.ctx(), down).status());
        assertEquals("inactive", active());
        assertEquals("disabled", enabled());
        assertEquals(ModuleResult.Status.OK, s.run(node.ctx(), down).status());
    }

    @Test
    void daemonReloadLoadsANewDropInOfARunningUnit() throws Exception {
        // systemd 252 does not flag a first drop-in of a loaded unit (NeedDaemonReload stays "no"), so the module
        // must not skip the reload on that flag: this is the case that made skipping it unsafe.
        node.sh("systemctl daemon-reload; systemctl start " + UNIT + "; mkdir -p /etc/systemd/system/" + UNIT + ".service.d"
                + " && printf '[Service]\\nEnvironment=PGHA_MODSYS=1\\n' > /etc/systemd/system/" + UNIT + ".service.d/pgha.conf");
        try {
            ModuleResult r = new ServiceModule().run(node.ctx(), args("name", UNIT, "daemon_reload", true));
            assertFalse(r.failed(), r.msg());
            assertEquals("Environment=PGHA_MODSYS=1", node.sh("systemctl show -p Environment " + UNIT).strip(), "the drop-in is loaded");
        } finally {
            node.sh("systemctl stop " + UNIT + "; rm -rf /etc/systemd/system/" + UNIT + ".service.d; systemctl daemon-reload");
        }
    }

    @Test
    void failureCarriesTheJournal() throws Exception {
        ModuleResult r = new ServiceModule().run(node.ctx(), args("name", BROKEN, "state", "started", "daemon_reload", "yes"));
        assertTrue(r.failed());
        assertTrue(r.msg().startsWith("start " + BROKEN + " failed"), r.msg());
        assertTrue(r.msg().contains("modsys-broken-says-why"), r.msg());
    }

    @Test
    void unknownServiceIsNamed() throws Exception {
        ModuleResult r = new ServiceModule().run(node.ctx(), args("name", "pgha-modsys-nonexistent", "state", "started"));
        assertTrue(r.failed());
        assertTrue(r.msg().contains("pgha-modsys-nonexistent not found on db06"), r.msg());
        ModuleResult dry = new ServiceModule().run(node.check(), args("name", "pgha-modsys-nonexistent", "state", "started"));
        assertEquals(ModuleResult.Status.CHANGED, dry.status(), "check mode: an earlier task would install it");
    }
}
