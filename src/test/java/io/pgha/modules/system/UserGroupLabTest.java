package io.pgha.modules.system;

import io.pgha.modules.ModuleResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.pgha.testing.TestArgs.args;

/** user and group on db06: real useradd/usermod/groupadd, read back with getent and id. */
@Tag("lab")
class UserGroupLabTest {
    static LabNode node;
    static final String USER = "modsys-user";
    static final String GROUP = "modsys-grp";
    static final String GROUP2 = "modsys-grp2";

    @BeforeAll
    static void setUp() throws Exception {
        node = new LabNode();
        cleanup();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (node != null) {
            cleanup();
            node.close();
        }
    }

    static void cleanup() {
        node.status("userdel -r " + USER + " 2>/dev/null; groupdel " + GROUP + " 2>/dev/null; groupdel " + GROUP2 + " 2>/dev/null; true");
    }


    @Test
    void groupsAndUsersConvergeAndStayPut() throws Exception {
        GroupModule g = new GroupModule();
        assertEquals(ModuleResult.Status.CHANGED, g.run(node.check(), args("name", GROUP, "gid", 47123)).status());
        assertEquals(2, node.status("getent group " + GROUP), "check mode created the group");
        assertEquals(ModuleResult.Status.CHANGED, g.run(node.ctx(), args("name", GROUP, "gid", 47123)).status());
        assertEquals(ModuleResult.Status.OK, g.run(node.ctx(), args("name", GROUP, "gid", 47123)).status());
        assertTrue(node.sh("getent group " + GROUP).startsWith(GROUP + ":x:47123:"));
        ModuleResult regid = g.run(node.ctx(), args("name", GROUP, "gid", 47124));
        assertEquals(ModuleResult.Status.CHANGED, regid.status());
        assertTrue(regid.msg().contains("47123 -> 47124"), regid.msg());
        assertTrue(node.sh("getent group " + GROUP).startsWith(GROUP + ":x:47124:"));
        ModuleResult sys = g.run(node.ctx(), args("name", GROUP2, "system", true));
        assertEquals(ModuleResult.Status.CHANGED, sys.status());
        assertTrue((Integer) sys.data().get("gid") < 1000, "system group gets a low gid: " + sys.data());

        UserModule u = new UserModule();
        Map<String, Object> want = args("name", USER, "uid", 47200, "group", GROUP, "groups", List.of(GROUP2),
                "shell", "/bin/bash", "home", "/home/" + USER, "comment", "modsys test");
        assertEquals(ModuleResult.Status.CHANGED, u.run(node.check(), want).status());
        assertEquals(2, node.status("getent passwd " + USER), "check mode created the user");

        ModuleResult created = u.run(node.ctx(), want);
        assertEquals(ModuleResult.Status.CHANGED, created.status(), created.msg());
        assertEquals(USER + ":x:47200:47124:modsys test:/home/" + USER + ":/bin/bash", node.sh("getent passwd " + USER).strip());
        assertEquals(GROUP + " " + GROUP2, node.sh("id -Gn " + USER).strip());
        assertEquals(0, node.status("test -d /home/" + USER));
        assertEquals(ModuleResult.Status.OK, u.run(node.ctx(), want).status());

        // one field differs: only that one changes
        Map<String, Object> sh = new LinkedHashMap<>(want);
        sh.put("shell", "/bin/sh");
        ModuleResult dry = u.run(node.check(), sh);
        assertEquals(ModuleResult.Status.CHANGED, dry.status());
        assertTrue(node.sh("getent passwd " + USER).strip().endsWith(":/bin/bash"));
        ModuleResult changed = u.run(node.ctx(), sh);
        assertEquals("changed user " + USER + ": shell: /bin/bash -> /bin/sh", changed.msg());
        assertEquals(USER + ":x:47200:47124:modsys test:/home/" + USER + ":/bin/sh", node.sh("getent passwd " + USER).strip());

        // groups exactly (append: no) removes the extra group; append adds only
        ModuleResult only = u.run(node.ctx(), args("name", USER, "groups", ""));
        assertEquals(ModuleResult.Status.CHANGED, only.status(), only.msg());
        assertEquals(GROUP, node.sh("id -Gn " + USER).strip());
        assertEquals(ModuleResult.Status.CHANGED, u.run(node.ctx(), args("name", USER, "groups", GROUP2, "append", true)).status());
        assertEquals(ModuleResult.Status.OK, u.run(node.ctx(), args("name", USER, "groups", GROUP2, "append", true)).status());
        assertEquals(GROUP + " " + GROUP2, node.sh("id -Gn " + USER).strip());

        // absent
        assertEquals(ModuleResult.Status.CHANGED, u.run(node.check(), args("name", USER, "state", "absent")).status());
        assertEquals(0, node.status("getent passwd " + USER));
        assertEquals(ModuleResult.Status.CHANGED, u.run(node.ctx(), args("name", USER, "state", "absent", "remove", true)).status());
        assertEquals(2, node.status("getent passwd " + USER));
        assertEquals(1, node.status("test -d /home/" + USER));
        assertEquals(ModuleResult.Status.OK, u.run(node.ctx(), args("name", USER, "state", "absent")).status());
        assertEquals(ModuleResult.Status.CHANGED, g.run(node.ctx(), args("name", GROUP, "state", "absent")).status());
        assertEquals(2, node.status("getent group " + GROUP));
    }

    @Test
    void missingGroupFailsWithUseraddsReason() throws Exception {
        ModuleResult r = new UserModule().run(node.ctx(), args("name", USER + "x", "group", "modsys-nogroup"));
        assertTrue(r.failed());
        assertTrue(r.msg().contains("modsys-nogroup"), r.msg());
        assertEquals(2, node.status("getent passwd " + USER + "x"));
    }
}
