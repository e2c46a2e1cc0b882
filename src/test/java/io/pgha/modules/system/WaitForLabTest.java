package io.pgha.modules.system;

import io.pgha.testing.LabFixture;

import io.pgha.modules.ModuleResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.pgha.testing.NodeScripts.awaitOnNode;
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
        // timeout 0 is a single look: sshd answers at once
        ModuleResult ssh = w.run(node.ctx(), args("port", 22, "timeout", 0));
        assertEquals(ModuleResult.Status.OK, ssh.status(), ssh.msg());
        assertEquals(ModuleResult.Status.OK, w.run(node.ctx(), args("host", node.lab.address(LabFixture.DB06), "port", 22)).status());
        assertEquals(ModuleResult.Status.OK, w.run(node.ctx(), args("port", CLOSED_PORT, "state", "stopped", "timeout", 5)).status());

        ModuleResult timeout = w.run(node.ctx(), args("port", CLOSED_PORT, "timeout", 2, "sleep", 0.5));
        assertTrue(timeout.failed());
        assertTrue(timeout.msg().contains("timed out after 2 s waiting for 127.0.0.1:" + CLOSED_PORT), timeout.msg());
        // It waited the whole 2 s. No upper bound is needed: this message comes only from the script on the host
        // giving up (a loop that never did would end at the transport's limit, in an exception)
        assertTrue(elapsed(timeout) >= 2, "elapsed " + elapsed(timeout));
        ModuleResult custom = w.run(node.ctx(), args("port", CLOSED_PORT, "timeout", 1, "msg", "PostgreSQL did not come up"));
        assertEquals("PostgreSQL did not come up", custom.msg());
    }

    /** wait_for's sleep between looks here, a value nothing else on the node uses: a `sleep 0.23` running there means wait_for has looked and waits. */
    static final double PAUSE = 0.23;

    /** Runs change in the background on the node once wait_for has looked and is pausing before its next look. */
    void whileItWaits(String change) {
        node.sh("(" + awaitOnNode("pgrep -fx 'sleep " + PAUSE + "' >/dev/null") + " && " + change + ") >/dev/null 2>&1 &");
    }

    @Test
    void pathAppearsWhileWaiting() throws Exception {
        String f = DIR + "/ready";
        whileItWaits("echo 'state: accepting connections' > " + f);
        ModuleResult r = new WaitForModule().run(node.ctx(), args("path", f, "search_regex", "accepting conn", "timeout", 20, "sleep", PAUSE));
        assertEquals(ModuleResult.Status.OK, r.status(), r.msg());
        assertEquals(0, node.status("grep -q accepting " + f));

        whileItWaits("rm -f " + f);
        ModuleResult gone = new WaitForModule().run(node.ctx(), args("path", f, "state", "absent", "timeout", 20, "sleep", PAUSE));
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
        ModuleResult r = new WaitForModule().run(node.check(), args("port", CLOSED_PORT, "timeout", 30, "delay", 60));
        assertEquals(ModuleResult.Status.SKIPPED, r.status());
        // The bound is the point: neither the 60 s delay nor the 30 s timeout was waited out (30 s leaves a loaded machine room)
        assertTrue(elapsed(r) < 30, "no waiting in check mode: " + elapsed(r));
        assertEquals(ModuleResult.Status.OK, new WaitForModule().run(node.check(), args("port", 22)).status());
    }

    @Test
    void badArgumentsAreReported() {
        TaskFailure e = org.junit.jupiter.api.Assertions.assertThrows(TaskFailure.class,
                () -> new WaitForModule().run(node.ctx(), args("port", 22, "path", "/x")));
        assertTrue(e.getMessage().contains("exactly one of port, path or command"));
    }
}
