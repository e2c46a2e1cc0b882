package io.pgha.modules.system;

import io.pgha.testing.LabFixture;

import io.pgha.modules.ModuleResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.pgha.testing.TestArgs.args;

/** wait_for on db06: the loop runs on the host. */
@Tag("lab")
class WaitForLabTest {
    static LabNode node;
    static final String DIR = "/tmp/modsys-wait-" + Long.toHexString(System.nanoTime());
    static final int CLOSED_PORT = 47391;

    @BeforeAll
    static void setUp() throws Exception {
        node = new LabNode();
        node.sh("mkdir -p " + DIR);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (node != null) {
            node.sh("rm -rf " + DIR);
            node.close();
        }
    }


    static double elapsed(ModuleResult r) { return ((Number) r.data().get("elapsed")).doubleValue(); }

    @Test
    void portsOpenAndClosed() throws Exception {
        WaitForModule w = new WaitForModule();
        ModuleResult ssh = w.run(node.ctx(), args("port", 22, "timeout", 5));
        assertEquals(ModuleResult.Status.OK, ssh.status(), ssh.msg());
        assertTrue(elapsed(ssh) < 3, "sshd answers at once: " + elapsed(ssh));
        assertEquals(ModuleResult.Status.OK, w.run(node.ctx(), args("host", node.lab.address(LabFixture.DB06), "port", 22)).status());
        assertEquals(ModuleResult.Status.OK, w.run(node.ctx(), args("port", CLOSED_PORT, "state", "stopped", "timeout", 5)).status());

        ModuleResult timeout = w.run(node.ctx(), args("port", CLOSED_PORT, "timeout", 2, "sleep", 0.5));
        assertTrue(timeout.failed());
        assertTrue(timeout.msg().contains("timed out after 2 s waiting for 127.0.0.1:" + CLOSED_PORT), timeout.msg());
        assertTrue(elapsed(timeout) >= 2 && elapsed(timeout) < 8, "elapsed " + elapsed(timeout));
        ModuleResult custom = w.run(node.ctx(), args("port", CLOSED_PORT, "timeout", 1, "msg", "PostgreSQL did not come up"));
        assertEquals("PostgreSQL did not come up", custom.msg());
    }

    @Test
    void pathAppearsWhileWaiting() throws Exception {
        String f = DIR + "/ready";
        // appears about 2 s from now, written by a process the node starts in the background
        node.sh("(sleep 2; echo 'state: accepting connections' > " + f + ") >/dev/null 2>&1 &");
        ModuleResult r = new WaitForModule().run(node.ctx(), args("path", f, "search_regex", "accepting conn", "timeout", 20, "sleep", 0.2));
        assertEquals(ModuleResult.Status.OK, r.status(), r.msg());
        assertTrue(elapsed(r) >= 1.0 && elapsed(r) < 10, "elapsed " + elapsed(r));
        assertEquals(0, node.status("grep -q accepting " + f));

        node.sh("(sleep 1; rm -f " + f + ") >/dev/null 2>&1 &");
        ModuleResult gone = new WaitForModule().run(node.ctx(), args("path", f, "state", "absent", "timeout", 20));
        assertEquals(ModuleResult.Status.OK, gone.status(), gone.msg());
        assertEquals(1, node.status("test -e " + f));
    }

    @Test
    void commandMustSucceedAndItsLastOutputIsShown() throws Exception {
        ModuleResult ok = new WaitForModule().run(node.ctx(), args("command", "test -d " + DIR, "timeout", 5));
        assertEquals(ModuleResult.Status.OK, ok.status());
        ModuleResult bad = new WaitForModule().run(node.ctx(), args("command", "echo not yet; exit 1", "timeout", 1));
        assertTrue(bad.failed());
        assertTrue(bad.msg().contains("last output: not yet"), bad.msg());
    }

    @Test
    void checkModeLooksOnceAndDoesNotWait() throws Exception {
        ModuleResult r = new WaitForModule().run(node.check(), args("port", CLOSED_PORT, "timeout", 30, "delay", 10));
        assertEquals(ModuleResult.Status.SKIPPED, r.status());
        assertTrue(elapsed(r) < 5, "no waiting in check mode: " + elapsed(r));
        assertEquals(ModuleResult.Status.OK, new WaitForModule().run(node.check(), args("port", 22)).status());
    }

    @Test
    void badArgumentsAreReported() {
        TaskFailure e = org.junit.jupiter.api.Assertions.assertThrows(TaskFailure.class,
                () -> new WaitForModule().run(node.ctx(), args("port", 22, "path", "/x")));
        assertTrue(e.getMessage().contains("exactly one of port, path or command"));
    }
}
