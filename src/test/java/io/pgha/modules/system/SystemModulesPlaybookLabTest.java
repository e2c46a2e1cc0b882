package io.pgha.modules.system;

import io.pgha.core.Secrets;
import io.pgha.core.SourceLocation;
import io.pgha.engine.HostStatus;
import io.pgha.engine.HostTaskResult;
import io.pgha.engine.PlaybookRunner;
import io.pgha.engine.Recap;
import io.pgha.engine.RunListener;
import io.pgha.engine.RunOptions;
import io.pgha.inventory.Host;
import io.pgha.inventory.Inventory;
import io.pgha.modules.ModuleRegistry;
import io.pgha.playbook.Play;
import io.pgha.playbook.Playbook;
import io.pgha.playbook.Task;
import io.pgha.template.Expressions;
import io.pgha.template.Freemarker;
import io.pgha.testing.LabFixture;
import io.pgha.transport.ConnectionSpec;
import io.pgha.transport.ssh.SshConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.pgha.testing.TestArgs.args;

/**
 * The system modules through the real engine on db06: argument rendering, raw expressions (assert,
 * debug var), register, changed_when, set_fact, when; a second run changes nothing; check mode
 * changes nothing.
 */
@Tag("lab")
class SystemModulesPlaybookLabTest {
    static final LabFixture lab = LabFixture.get();
    static final String DIR = "/tmp/modsys-play-" + Long.toHexString(System.nanoTime());
    static int line = 1;

    @AfterAll
    static void cleanUp() {
        lab.shStatus("db06", "rm -rf " + DIR);
    }

    static Task task(String module, Map<String, Object> args, String register, String when, String changedWhen) {
        return new Task(null, module, args, when == null ? List.of() : List.of(when), register, List.of(), changedWhen, null,
                false, 0, null, Duration.ofSeconds(1), List.of(), false, null, null, null, null, Map.of(), false, List.of(),
                Map.of(), new SourceLocation("modsys.yml", line++, 3), null);
    }


    static Play play() {
        List<Task> tasks = List.of(
                // read_only: a probe that also runs in check mode, so later tasks can use its result
                task("command", args("cmd", "cat /etc/hostname", "read_only", true), "host_out", null, "false"),
                task("assert", args("that", List.of("host_out.stdout == 'db06'", "host_out.rc == 0", "host_out.stdout_lines?size > 0")), null, null, null),
                task("set_fact", args("pg_port", 5432, "label", "${host_out.stdout}-x"), null, null, null),
                task("debug", args("var", "label"), null, null, null),
                task("shell", args("cmd", "mkdir -p " + DIR + " && echo ${pg_port} > " + DIR + "/port", "creates", DIR + "/port"), null, null, null),
                task("wait_for", args("path", DIR + "/port", "search_regex", "^${pg_port}$", "timeout", 5), "waited", null, null),
                task("fail", args("msg", "label is ${label}"), null, "label != 'db06-x'", null),
                task("service", args("name", "ssh", "state", "started"), null, null, null));
        return new Play("modsys", "all", Map.of(), true, null, 0, false, false, tasks, List.of(), List.of(),
                new SourceLocation("modsys.yml", 1, 1));
    }

    static Inventory inventory() {
        return new Inventory() {
            public Path source() { return Path.of("modsys-inventory.yml"); }
            public List<Host> hosts() { return List.of(new Host("db06", SourceLocation.of("inv"))); }
            public Host host(String n) { return n.equals("db06") ? hosts().get(0) : null; }
            public Set<String> groupNames() { return Set.of("all"); }
            public List<Host> groupMembers(String g) { return hosts(); }
            public List<Host> select(String pattern, SourceLocation where) { return hosts(); }
            public Map<String, Object> hostVars(String h) { return Map.of("inventory_hostname", h); }
            public Map<String, SourceLocation> hostVarOrigins(String h) { return Map.of(); }
            public ConnectionSpec connectionSpec(String h, boolean a) { return lab.spec(h); }
        };
    }

    record Run(Recap recap, List<HostTaskResult> results) {
        HostTaskResult of(int i) {
            if (i >= results.size()) throw new AssertionError("task " + i + " did not run: " + results);
            return results.get(i);
        }
    }

    static Run run(RunOptions options) {
        List<HostTaskResult> seen = Collections.synchronizedList(new ArrayList<>());
        RunListener listener = new RunListener() {
            @Override public void taskFinished(String n, Task t, List<HostTaskResult> r, Duration took) { seen.addAll(r); }
        };
        ModuleRegistry registry = new ModuleRegistry();
        SystemModules.all().forEach(registry::register);
        try (SshConnector connector = new SshConnector()) {
            PlaybookRunner runner = new PlaybookRunner(registry, connector, new Expressions(Freemarker.configuration(List.of())), new Secrets());
            Recap r = runner.run(new Playbook(Path.of("modsys.yml"), Path.of("."), List.of(play())), inventory(), options, listener);
            return new Run(r, seen);
        }
    }

    @Test
    void firstRunChangesOnceSecondRunNothingCheckModeNothing() {
        Run check = run(RunOptions.defaults().withCheck(true));
        assertEquals(HostStatus.SKIPPED, check.of(4).status(), "shell in check mode: " + check.of(4).msg());
        assertEquals(1, lab.shStatus("db06", "test -e " + DIR), "check mode created " + DIR);

        Run first = run(RunOptions.defaults());
        assertEquals(0, first.recap().exitCode(), first.results().toString());
        assertEquals(1, first.recap().hosts().get("db06").changed, first.results().toString());
        assertEquals(HostStatus.OK, first.of(0).status());
        assertEquals("label: db06-x", first.of(3).msg());
        assertEquals(HostStatus.CHANGED, first.of(4).status());
        assertEquals(HostStatus.SKIPPED, first.of(6).status());
        assertEquals(HostStatus.OK, first.of(7).status(), first.of(7).msg());
        assertEquals("5432\n", lab.sh("db06", "cat " + DIR + "/port"));

        Run second = run(RunOptions.defaults());
        assertEquals(0, second.recap().exitCode());
        assertEquals(0, second.recap().hosts().get("db06").changed, second.results().toString());
    }
}
