package io.pgha.modules.system;

import io.pgha.modules.ModuleResult;
import io.pgha.testing.TestModuleContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** package with apt on db06: a real install and removal of 'tree' (small, not used by anything else). */
@Tag("lab")
class PackageLabTest {
    static LabNode node;
    static final String PKG = "tree";

    @BeforeAll
    static void setUp() throws Exception {
        node = new LabNode();
        node.sh("if dpkg-query -W -f='${db:Status-Abbrev}' tree 2>/dev/null | grep -q '^ii'; then "
                + "DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=300 remove tree; fi");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (node != null) {
            node.status("DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=300 remove tree");
            node.close();
        }
    }

    boolean installed() {
        return node.status("dpkg-query -W -f='${db:Status-Abbrev}' tree 2>/dev/null | grep -q '^ii'") == 0;
    }

    @Test
    void installIsIdempotentAndCheckModeChangesNothing() throws Exception {
        PackageModule m = new PackageModule();
        assertFalse(installed());

        ModuleResult dry = m.run(node.check(), Map.of("name", PKG, "update_cache", true));
        assertEquals(ModuleResult.Status.CHANGED, dry.status());
        assertEquals("would install: tree", dry.msg());
        assertFalse(installed(), "check mode installed the package");

        TestModuleContext ctx = node.ctx();
        ModuleResult first = m.run(ctx, Map.of("name", List.of(PKG), "update_cache", true));
        assertEquals(ModuleResult.Status.CHANGED, first.status(), first.msg());
        assertEquals(List.of("tree"), first.data().get("installed"));
        assertEquals(true, first.data().get("cache_updated"));
        assertTrue(installed());
        // a quick install shows only that it started (its output lines are a heartbeat every 10 s on long ones)
        assertTrue(ctx.progress.contains("apt install tree ..."), ctx.progress.toString());
        assertEquals("/usr/bin/tree", node.sh("command -v tree").strip());

        TestModuleContext again = node.ctx();
        ModuleResult second = m.run(again, Map.of("name", PKG, "update_cache", true, "state", "present"));
        assertEquals(ModuleResult.Status.OK, second.status(), second.msg());
        assertEquals(false, second.data().get("cache_updated"));
        assertTrue(again.progress.isEmpty(), "no package manager ran: " + again.progress);

        ModuleResult latest = m.run(node.ctx(), Map.of("name", PKG, "state", "latest"));
        assertEquals(ModuleResult.Status.OK, latest.status(), latest.msg());

        ModuleResult dryRemove = m.run(node.check(), Map.of("name", PKG, "state", "absent"));
        assertEquals(ModuleResult.Status.CHANGED, dryRemove.status());
        assertTrue(installed());

        ModuleResult removed = m.run(node.ctx(), Map.of("name", PKG, "state", "absent"));
        assertEquals(ModuleResult.Status.CHANGED, removed.status(), removed.msg());
        assertFalse(installed());
        assertEquals(ModuleResult.Status.OK, m.run(node.ctx(), Map.of("name", PKG, "state", "absent")).status());
    }

    @Test
    void unknownPackageFailsWithAHint() throws Exception {
        ModuleResult r = new PackageModule().run(node.ctx(), Map.of("name", "modsys-no-such-package"));
        assertTrue(r.failed());
        assertTrue(r.msg().contains("Unable to locate package modsys-no-such-package"), r.msg());
        assertTrue(r.msg().contains("update_cache"), r.msg());
    }

    @Test
    void unsupportedManagerIsNamed() throws Exception {
        TestModuleContext ctx = node.ctx();
        ctx.facts = new io.pgha.facts.Facts("Archlinux", "arch", "", "systemd", "pacman", "db06", "db06", "x86_64",
                Map.of(), 2, 1024, "pgha");
        ModuleResult r = new PackageModule().run(ctx, Map.of("name", PKG));
        assertTrue(r.failed() && r.msg().contains("pacman"), r.msg());
    }
}
