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
import static io.pgha.testing.TestArgs.args;

/** command and shell on db06 over SSH. */
@Tag("lab")
class CommandLabTest {
    static LabNode node;
    static final String DIR = "/tmp/modsys-cmd-" + Long.toHexString(System.nanoTime());

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


    @Test
    void commandRunsWithoutAShellAndReportsOutput() throws Exception {
        ModuleResult r = new CommandModule().run(node.ctx(), args("cmd", "echo 'a  b' > " + DIR + "/nofile"));
        assertEquals(ModuleResult.Status.CHANGED, r.status());
        assertEquals(0, r.data().get("rc"));
        assertEquals("a  b > " + DIR + "/nofile", r.data().get("stdout"));
        assertEquals(1, node.status("test -e " + DIR + "/nofile"), "> must not redirect in command");

        ModuleResult argv = new CommandModule().run(node.ctx(), args("argv", List.of("printf", "%s\\n", "x y", "$HOME")));
        assertEquals(List.of("x y", "$HOME"), argv.data().get("stdout_lines"));
        assertEquals(List.of("printf", "%s\\n", "x y", "$HOME"), argv.data().get("cmd"));
    }

    @Test
    void shellRunsPipesAndRedirectionsAsRoot() throws Exception {
        ModuleResult r = new ShellModule().run(node.ctx(), args("cmd", "id -un > " + DIR + "/who; echo one two | wc -w"));
        assertEquals(ModuleResult.Status.CHANGED, r.status());
        assertEquals("2", r.data().get("stdout"));
        assertEquals("root\n", node.sh("cat " + DIR + "/who"));
    }

    @Test
    void nonZeroExitFailsWithRcAndStderrTail() throws Exception {
        ModuleResult r = new ShellModule().run(node.ctx(), args("cmd", "echo out; echo first >&2; echo 'bad thing' >&2; exit 3"));
        assertTrue(r.failed());
        assertEquals(3, r.data().get("rc"));
        assertEquals("out", r.data().get("stdout"));
        assertTrue(r.msg().contains("non-zero return code 3") && r.msg().contains("bad thing"), r.msg());
    }

    @Test
    void createsAndRemovesSkipTheCommand() throws Exception {
        String marker = DIR + "/created";
        Map<String, Object> a = args("cmd", "touch " + marker + " " + DIR + "/runs-$(date +%s%N)", "creates", marker);
        ModuleResult first = new ShellModule().run(node.ctx(), a);
        assertEquals(ModuleResult.Status.CHANGED, first.status());
        ModuleResult second = new ShellModule().run(node.ctx(), a);
        assertEquals(ModuleResult.Status.OK, second.status());
        assertTrue(second.msg().contains("exists"), second.msg());
        assertEquals("1", node.sh("ls " + DIR + " | grep -c '^runs-'").strip(), "ran exactly once");

        // creates with a glob and a chdir-relative path
        ModuleResult glob = new ShellModule().run(node.ctx(), args("cmd", "exit 9", "chdir", DIR, "creates", "runs-*"));
        assertEquals(ModuleResult.Status.OK, glob.status());
        ModuleResult removes = new CommandModule().run(node.ctx(), args("cmd", "rm " + DIR + "/gone", "removes", DIR + "/gone"));
        assertEquals(ModuleResult.Status.OK, removes.status());
        assertTrue(removes.msg().contains("does not exist"));
    }

    @Test
    void chdirStdinAndEnv() throws Exception {
        ModuleResult r = new ShellModule().run(node.ctx(), args("cmd", "pwd; cat; echo \"$GREETING\"", "chdir", DIR,
                "stdin", "from stdin", "env", Map.of("GREETING", "it's me")));
        assertEquals(List.of(DIR, "from stdin", "it's me"), r.data().get("stdout_lines"));
        ModuleResult missing = new CommandModule().run(node.ctx(), args("cmd", "pwd", "chdir", DIR + "/no/such"));
        assertTrue(missing.failed());
    }

    @Test
    void checkModeRunsNothingUnlessReadOnly() throws Exception {
        TestModuleContext check = node.check();
        ModuleResult r = new ShellModule().run(check, args("cmd", "touch " + DIR + "/checked"));
        assertEquals(ModuleResult.Status.SKIPPED, r.status());
        assertTrue(r.msg().contains("would run"));
        assertEquals(1, node.status("test -e " + DIR + "/checked"));

        ModuleResult probe = new CommandModule().run(check, args("cmd", "hostname", "read_only", true));
        assertEquals(ModuleResult.Status.OK, probe.status());
        assertEquals("db06", probe.data().get("stdout"));
        assertFalse(probe.changed());
    }
}
