package io.pgha.modules.system;

import io.pgha.testing.TestArgs;

import io.pgha.modules.ModuleResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sysctl on db06. /proc/sys is read-only in the lab containers, so live values cannot be set here:
 * the tests use the current live value (file-only changes) and check the read-only failure is clear.
 */
@Tag("lab")
class SysctlLabTest {
    static LabNode node;
    static final String FILE = "/etc/sysctl.d/99-modsys-test.conf";
    static final String KEY = "net.ipv4.tcp_keepalive_time";
    static String live;

    @BeforeAll
    static void setUp() throws Exception {
        node = new LabNode();
        node.sh("rm -f " + FILE);
        live = node.sh("sysctl -n " + KEY).strip();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (node != null) {
            node.sh("rm -f " + FILE);
            node.close();
        }
    }

    /** The module's arguments, writing into this test's file rather than /etc/sysctl.d. */
    static Map<String, Object> args(Object... kv) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("sysctl_file", FILE);
        a.putAll(TestArgs.args(kv));
        return a;
    }

    @Test
    void fileLineConvergesAndLiveValueIsCompared() throws Exception {
        SysctlModule s = new SysctlModule();
        ModuleResult dry = s.run(node.check(), args("name", KEY, "value", live));
        assertEquals(ModuleResult.Status.CHANGED, dry.status(), dry.msg());
        assertEquals(1, dry.diffs().size());
        assertNull(dry.diffs().get(0).before());
        assertEquals(KEY + " = " + live + "\n", dry.diffs().get(0).after());
        assertEquals(1, node.status("test -e " + FILE), "check mode wrote the file");

        ModuleResult first = s.run(node.ctx(), args("name", KEY, "value", live));
        assertEquals(ModuleResult.Status.CHANGED, first.status(), first.msg());
        assertEquals(false, first.data().get("live_changed"));
        assertEquals(KEY + " = " + live + "\n", node.sh("cat " + FILE));
        assertEquals("644 root\n", node.sh("stat -c '%a %U' " + FILE));
        assertEquals(ModuleResult.Status.OK, s.run(node.ctx(), args("name", KEY, "value", live)).status());

        // another key in the same file is kept
        node.sh("echo 'vm.swappiness = 10' >> " + FILE);
        ModuleResult noReload = s.run(node.ctx(), args("name", KEY, "value", 600, "reload", false));
        assertEquals(ModuleResult.Status.CHANGED, noReload.status());
        assertEquals(KEY + " = 600\nvm.swappiness = 10\n", node.sh("cat " + FILE));
        assertEquals(live, node.sh("sysctl -n " + KEY).strip());
        assertEquals(ModuleResult.Status.OK, s.run(node.ctx(), args("name", KEY, "value", "600", "reload", "no")).status());

        // with reload the live value differs too: here it cannot be set, and the message says why
        ModuleResult reload = s.run(node.ctx(), args("name", KEY, "value", 600));
        if (reload.failed()) {
            assertTrue(reload.msg().contains("cannot set " + KEY + " live") && reload.msg().contains("read-only"), reload.msg());
        } else {
            assertEquals("600", node.sh("sysctl -n " + KEY).strip());
            node.sh("sysctl -w " + KEY + "=" + live);
        }

        ModuleResult absent = s.run(node.ctx(), args("name", KEY, "state", "absent"));
        assertEquals(ModuleResult.Status.CHANGED, absent.status());
        assertEquals("vm.swappiness = 10\n", node.sh("cat " + FILE));
        assertEquals(ModuleResult.Status.OK, s.run(node.ctx(), args("name", KEY, "state", "absent")).status());
    }

    @Test
    void unknownKeyIsReported() throws Exception {
        ModuleResult r = new SysctlModule().run(node.ctx(), args("name", "net.modsys.nonexistent", "value", 1));
        assertTrue(r.failed());
        assertTrue(r.msg().contains("unknown kernel parameter net.modsys.nonexistent on db06"), r.msg());
    }
}
