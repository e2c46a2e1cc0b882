package io.pgha.modules.system;

import io.pgha.facts.Facts;
import io.pgha.modules.ModuleResult;
import io.pgha.testing.TestModuleContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.pgha.testing.TestArgs.args;

/**
 * service's SysV path on db06: facts claim no systemd, so the module drives an /etc/init.d script and
 * update-rc.d boot links directly (db06 has both, whatever runs as PID 1).
 */
@Tag("lab")
class SysvServiceLabTest {
    static LabNode node;
    static final String NAME = "pgha-modsys-sysv";
    static final String PID = "/run/" + NAME + ".pid";

    @BeforeAll
    static void setUp() throws Exception {
        node = new LabNode();
        String script = "#!/bin/sh\n"
                + "### BEGIN INIT INFO\n# Provides:          " + NAME + "\n# Required-Start:    $remote_fs\n"
                + "# Required-Stop:     $remote_fs\n# Default-Start:     2 3 4 5\n# Default-Stop:      0 1 6\n"
                + "# Short-Description: pgha modsys test\n### END INIT INFO\n"
                + "P=" + PID + "\n"
                + "running() { [ -f $P ] && kill -0 $(cat $P) 2>/dev/null; }\n"
                + "case \"$1\" in\n"
                + "  start) running && exit 0; setsid sleep infinity </dev/null >/dev/null 2>&1 & echo $! > $P ;;\n"
                + "  stop) running && kill $(cat $P); rm -f $P ;;\n"
                + "  restart) $0 stop; $0 start ;;\n"
                + "  reload) running ;;\n"
                + "  status) running ;;\n"
                + "  *) exit 2 ;;\n"
                + "esac\n";
        node.sh("cat > /etc/init.d/" + NAME + " <<'EOF'\n" + script + "EOF\nchmod 755 /etc/init.d/" + NAME);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (node != null) {
            node.status("/etc/init.d/" + NAME + " stop; update-rc.d -f " + NAME + " remove; rm -f /etc/init.d/" + NAME
                    + " " + PID + "; systemctl daemon-reload; true");
            node.close();
        }
    }

    static TestModuleContext sysv(TestModuleContext c) {
        c.facts = new Facts("Debian", "debian", "12", "sysvinit", "apt", "db06", "db06", "x86_64", Map.of(), 2, 1024, "pgha");
        return c;
    }


    int running() { return node.status("/etc/init.d/" + NAME + " status"); }
    int linked() { return node.status("ls /etc/rc2.d/S[0-9][0-9]" + NAME); }

    @Test
    void initScriptAndBootLinks() throws Exception {
        ServiceModule s = new ServiceModule();
        Map<String, Object> up = args("name", NAME, "state", "started", "enabled", true);
        assertEquals(ModuleResult.Status.CHANGED, s.run(sysv(node.check()), up).status());
        assertEquals(1, running());
        ModuleResult r = s.run(sysv(node.ctx()), up);
        assertEquals(ModuleResult.Status.CHANGED, r.status(), r.msg());
        assertEquals(0, running());
        assertEquals(0, linked());
        assertEquals(ModuleResult.Status.OK, s.run(sysv(node.ctx()), up).status());

        Map<String, Object> down = args("name", NAME, "state", "stopped", "enabled", false);
        ModuleResult d = s.run(sysv(node.ctx()), down);
        assertEquals(ModuleResult.Status.CHANGED, d.status(), d.msg());
        assertEquals(1, running());
        assertEquals(2, linked(), "no S link once disabled");
        ModuleResult again = s.run(sysv(node.ctx()), down);
        assertEquals(ModuleResult.Status.OK, again.status(), again.msg());
    }
}
