package io.pgha.engine;

import io.pgha.core.InputException;
import io.pgha.core.Secrets;
import io.pgha.core.SourceLocation;
import io.pgha.inventory.Host;
import io.pgha.inventory.Inventory;
import io.pgha.modules.ArgSpec;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleRegistry;
import io.pgha.modules.ModuleResult;
import io.pgha.playbook.Play;
import io.pgha.playbook.Playbook;
import io.pgha.playbook.Task;
import io.pgha.template.Expressions;
import io.pgha.template.Freemarker;
import io.pgha.transport.ConnectionSpec;
import io.pgha.transport.Connector;
import io.pgha.transport.UnreachableException;
import io.pgha.playbook.PlaybookLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pgha.engine.Tasks.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's orchestration logic (pure: the modules here are doubles that touch no host; the lab
 * integration tests run the same paths over SSH with real modules).
 */
class PlaybookRunnerTest {
    /** Records every call as "host:value"; changed unless args.changed == false; fails when args.fail == true. */
    static final class Probe implements Module {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger count = new AtomicInteger();

        @Override public String name() { return "probe"; }
        @Override public ArgSpec spec() {
            return ArgSpec.builder().optional("value", ArgSpec.Type.ANY).optional("changed", ArgSpec.Type.ANY)
                    .optional("fail", ArgSpec.Type.ANY).optional("fail_on", ArgSpec.Type.STRING);
        }
        @Override public ModuleResult run(ModuleContext ctx, Map<String, Object> args) {
            count.incrementAndGet();
            calls.add(ctx.hostName() + ":" + args.get("value"));
            if (Boolean.TRUE.equals(args.get("fail")) || ctx.hostName().equals(args.get("fail_on"))) return ModuleResult.failed("probe failed on " + ctx.hostName());
            return ModuleResult.of(!Boolean.FALSE.equals(args.get("changed")), "probe").withData("value", args.get("value"))
                    .withData("n", count.get());
        }
    }

    static final class SetFact implements Module {
        @Override public String name() { return "set_fact"; }
        @Override public ArgSpec spec() { return ArgSpec.builder().anyArgs(); }
        @Override public ModuleResult run(ModuleContext ctx, Map<String, Object> args) { return ModuleResult.ok("").withFacts(args); }
    }

    /** An inventory of named hosts with given vars. */
    static Inventory inventory(Map<String, Map<String, Object>> hosts) {
        return new Inventory() {
            public Path source() { return Path.of("test-inventory.yml"); }
            public List<Host> hosts() { return hosts.keySet().stream().map(h -> new Host(h, SourceLocation.of("inv"))).toList(); }
            public Host host(String n) { return hosts.containsKey(n) ? new Host(n, SourceLocation.of("inv")) : null; }
            public Set<String> groupNames() { return Set.of("all"); }
            public List<Host> groupMembers(String g) { return hosts(); }
            public List<Host> select(String pattern, SourceLocation where) {
                if (pattern.equals("all")) return hosts();
                if (!hosts.containsKey(pattern)) throw new InputException(where, "hosts", "no host " + pattern);
                return List.of(host(pattern));
            }
            public Map<String, Object> hostVars(String h) {
                Map<String, Object> v = new LinkedHashMap<>(hosts.get(h));
                v.put("inventory_hostname", h);
                return v;
            }
            public Map<String, SourceLocation> hostVarOrigins(String h) { return Map.of(); }
            public ConnectionSpec connectionSpec(String h, boolean a) { return null; }
        };
    }

    static final Connector NO_HOSTS = new Connector() {
        public io.pgha.transport.Connection connect(ConnectionSpec s) throws UnreachableException {
            throw new UnreachableException("no connection in this test");
        }
        public void close() {}
    };

    final Probe probe = new Probe();
    final ModuleRegistry registry = new ModuleRegistry().register(probe).register(new SetFact());
    final Inventory inv = inventory(Map.of("db06", Map.of("role", "primary"), "db07", Map.of("role", "standby")));
    final List<HostTaskResult> seen = Collections.synchronizedList(new ArrayList<>());
    /** "section name [hosts]" of each block section started (hosts sorted). */
    final List<String> sections = Collections.synchronizedList(new ArrayList<>());
    final RunListener listener = new RunListener() {
        @Override public void taskFinished(String n, Task t, List<HostTaskResult> results, java.time.Duration took) { seen.addAll(results); }
        @Override public void blockStarted(String name, String section, List<String> hosts) {
            sections.add(section + " " + name + " " + new java.util.TreeSet<>(hosts));
        }
    };
    @TempDir Path dir;

    Recap run(Play play) { return run(play, RunOptions.defaults()); }

    Recap run(Play play, RunOptions options) {
        PlaybookRunner runner = new PlaybookRunner(registry, NO_HOSTS, new Expressions(Freemarker.configuration(List.of())), new Secrets());
        return runner.run(new Playbook(Path.of("test.yml"), Path.of("."), List.of(play)), inv, options, listener);
    }

    /** Loads a play (its keywords below hosts: all, without facts) as pgha play would, and runs it. */
    Recap runYaml(String play) { return runYaml(play, RunOptions.defaults()); }

    Recap runYaml(String play, RunOptions options) { return runYaml(play, options, listener); }

    Recap runYaml(String play, RunOptions options, RunListener output) {
        try {
            Path p = Files.writeString(dir.resolve("play.yml"), "- hosts: all\n  gather_facts: false\n" + play.indent(2));
            PlaybookRunner runner = new PlaybookRunner(registry, NO_HOSTS, new Expressions(Freemarker.configuration(List.of())), new Secrets());
            return runner.run(new PlaybookLoader(registry).load(p), inv, options, output);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The probe values that ran on db06 and on db07, each in order. */
    void assertRan(List<String> db06, List<String> db07) { assertRan(db06, db07, ""); }

    void assertRan(List<String> db06, List<String> db07, String why) {
        assertEquals(Map.of("db06", db06, "db07", db07), Map.of("db06", calls("db06"), "db07", calls("db07")), why);
    }

    /** The probe values that ran on a host, in order. */
    List<String> calls(String host) {
        return probe.calls.stream().filter(c -> c.startsWith(host + ":")).map(c -> c.substring(host.length() + 1)).toList();
    }

    @Test
    void aHostThatFailsInABlockRunsRescueThenAlwaysAndIsNoLongerFailed() {
        Recap r = runYaml("""
                tasks:
                  - name: install
                    block:
                      - probe: {value: build, fail_on: db06}
                      - probe: {value: after-build}
                    rescue:
                      - probe: {value: rescue}
                    always:
                      - probe: {value: always}
                  - probe: {value: next}
                """);
        assertRan(List.of("build", "rescue", "always", "next"), List.of("build", "after-build", "always", "next"));
        assertEquals(0, r.exitCode());
        assertEquals(0, r.hosts().get("db06").failed);
        assertEquals(1, r.hosts().get("db06").ok, "the rescued failure counts as ok (the recap has no rescued column)");
        assertEquals(3, r.hosts().get("db06").changed);
        assertEquals(Map.of(), r.firstFailures());
        assertEquals(List.of("block install [db06, db07]", "rescue install [db06]", "always install [db06, db07]"), sections);
    }

    @Test
    void ansibleFailedResultIsNotDefinedInARescueAndSaysSoBeforeTheRun() {
        InputException e = assertThrows(InputException.class, () -> runYaml("""
                tasks:
                  - block:
                      - probe: {value: build}
                    rescue:
                      - probe: {value: "${ansible_failed_result.msg}"}
                """));
        assertTrue(e.describe().contains("ansible_failed_result") && e.describe().contains("play.yml:7:"), e.describe());
        assertEquals(0, probe.count.get());
    }

    @Test
    void aFailedRescueLeavesTheHostFailedAfterAlways() {
        Recap r = runYaml("""
                tasks:
                  - block:
                      - probe: {value: build, fail_on: db06}
                    rescue:
                      - name: fallback
                        probe: {value: rescue, fail: true}
                      - probe: {value: never}
                    always:
                      - probe: {value: always}
                  - probe: {value: next}
                """);
        assertRan(List.of("build", "rescue", "always"), List.of("build", "always", "next"));
        assertEquals(1, r.hosts().get("db06").failed);
        assertEquals(Map.of("db06", "fallback: probe failed on db06"), r.firstFailures());
        assertEquals(3, r.exitCode());
        assertEquals(List.of("block null [db06, db07]", "rescue null [db06]", "always null [db06, db07]"), sections);
    }

    @Test
    void alwaysRunsAfterSuccessAndAfterAFailureNoRescueHandles() {
        Recap r = runYaml("""
                tasks:
                  - block:
                      - probe: {value: build, fail_on: db06}
                      - probe: {value: more}
                    always:
                      - probe: {value: always}
                  - probe: {value: next}
                """);
        assertRan(List.of("build", "always"), List.of("build", "more", "always", "next"), "db06 stays failed after always");
        assertEquals(1, r.hosts().get("db06").failed);
        assertEquals(Map.of("db06", "probe: probe failed on db06"), r.firstFailures());
        assertEquals(3, r.exitCode());
    }

    @Test
    void ignoreErrorsOnABlockNeitherStopsItNorRescues() {
        Recap r = runYaml("""
                tasks:
                  - block:
                      - probe: {value: one, fail: true}
                      - probe: {value: two}
                    rescue:
                      - probe: {value: rescue}
                    ignore_errors: true
                """);
        assertRan(List.of("one", "two"), List.of("one", "two"));
        assertEquals(1, r.hosts().get("db06").ignored);
        assertEquals(0, r.exitCode());
    }

    @Test
    void whenOnABlockHoldsForEverySectionPerHost() {
        Recap r = runYaml("""
                tasks:
                  - block:
                      - probe: {value: one, fail: true}
                    rescue:
                      - probe: {value: rescue}
                    always:
                      - probe: {value: always}
                    when: role == 'standby'
                  - block:
                      - probe: {value: never}
                    always:
                      - probe: {value: never either}
                    when: false
                """);
        assertRan(List.of(), List.of("one", "rescue", "always"));
        assertEquals(4, r.hosts().get("db06").skipped, "the block's task and always, twice");
        assertEquals(2, r.hosts().get("db07").skipped);
        assertEquals(0, r.exitCode());
    }

    @Test
    void tagsOfABlockSelectItsTasks() {
        Recap r = runYaml("""
                tasks:
                  - name: configure
                    block:
                      - probe: {value: conf}
                      - probe: {value: own tag}
                        tags: extra
                    always:
                      - probe: {value: conf always}
                    tags: config
                  - name: build
                    block:
                      - probe: {value: build}
                    always:
                      - probe: {value: build always}
                    tags: build
                  - block:
                      - probe: {value: plain}
                    tags: config
                  - name: untagged rescue
                    block:
                      - probe: {value: fails, fail: true}
                        tags: config
                    rescue:
                      - probe: {value: not selected}
                  - probe: {value: after}
                    tags: config
                """, RunOptions.defaults().withTags(Set.of("config")).withLimit("db06"));
        assertEquals(List.of("conf", "own tag", "conf always", "plain", "fails"), calls("db06"),
                "a rescue that --tags leaves out rescues nothing, as in Ansible");
        assertEquals(List.of("block configure [db06]", "always configure [db06]", "block untagged rescue [db06]"), sections,
                "a block or section with no selected task is not shown");
        assertEquals(1, r.hosts().get("db06").failed);
    }

    @Test
    void aFailureInANestedBlockGoesToTheOuterRescueAfterTheInnerAlways() {
        Recap r = runYaml("""
                tasks:
                  - block:
                      - block:
                          - probe: {value: inner, fail_on: db06}
                        always:
                          - probe: {value: inner always}
                      - probe: {value: outer more}
                    rescue:
                      - probe: {value: outer rescue}
                """);
        assertRan(List.of("inner", "inner always", "outer rescue"), List.of("inner", "inner always", "outer more"));
        assertEquals(0, r.exitCode());
        assertEquals(0, r.hosts().get("db06").failed);
    }

    @Test
    void handlersNotifiedInABlockAndItsRescueRun() {
        runYaml("""
                tasks:
                  - block:
                      - probe: {value: conf}
                        notify: reload
                      - probe: {value: check, fail_on: db06}
                    rescue:
                      - probe: {value: fix}
                        notify: restart
                handlers:
                  - name: reload
                    probe: {value: reloaded}
                  - name: restart
                    probe: {value: restarted}
                """);
        assertRan(List.of("conf", "check", "fix", "reloaded", "restarted"), List.of("conf", "check", "reloaded"));
    }

    @Test
    void anyErrorsFatalLetsARescueHandleAFailureButNotAFailureWithoutOne() {
        Recap r = runYaml("""
                any_errors_fatal: true
                tasks:
                  - block:
                      - probe: {value: a, fail_on: db06}
                    rescue:
                      - probe: {value: rescue}
                  - probe: {value: b}
                  - block:
                      - probe: {value: c, fail_on: db07}
                      - probe: {value: not after c}
                    always:
                      - probe: {value: always}
                  - probe: {value: never}
                """);
        assertRan(List.of("a", "rescue", "b", "c", "always"), List.of("a", "b", "c", "always"),
                "the block stops at the failure db07 had no rescue for; its always still runs before the run stops");
        assertEquals(1, r.hosts().get("db07").failed);
        assertEquals(3, r.exitCode());
    }

    @Test
    void theConsoleShowsABlocksSectionsAsHeaderLines() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        runYaml("""
                tasks:
                  - name: install
                    block:
                      - name: build
                        probe: {value: build, fail: true}
                    rescue:
                      - name: package
                        probe: {value: package}
                    always:
                      - name: clean
                        probe: {value: clean}
                """, RunOptions.defaults().withLimit("db06"),
                new io.pgha.output.ConsoleOutput(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8),
                        new io.pgha.output.Style(false), 0));
        String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        List<String> lines = out.lines().map(l -> l.replaceAll(" {2,}db06 .*", "")).toList();
        int at = lines.indexOf("  block install  [db06]");
        assertTrue(at > 0, out);
        assertEquals(List.of("  block install  [db06]", "  build", "      db06: probe failed on db06", "  rescue install  [db06]",
                "  package", "  always install  [db06]", "  clean"), lines.subList(at, at + 7), out);
    }

    @Test
    void whenSkipsPerHostAndRegisterFeedsLaterTasks() {
        Recap r = run(Tasks.play(List.of(
                task("probe").arg("value", "first").when("role == 'primary'").register("out").build(),
                task("probe").arg("value", "after-${out.value}").when("out.changed").build()), List.of(), false));
        assertEquals(List.of("db06:first", "db06:after-first"), probe.calls);
        assertEquals(2, r.hosts().get("db06").changed);
        assertEquals(2, r.hosts().get("db07").skipped);
        assertEquals(0, r.exitCode());
    }

    @Test
    void loopRunsEachItemAndRegistersResults() {
        run(Tasks.play(List.of(
                task("probe").arg("value", "${item}").loop(List.of("a", "b")).register("many").build(),
                task("probe").arg("value", "${many.results?size}").build()), List.of(), false));
        assertTrue(probe.calls.containsAll(List.of("db06:a", "db06:b", "db07:a", "db07:b", "db06:2", "db07:2")), probe.calls.toString());
    }

    @Test
    void handlersRunOnceAtTheEndOnlyForHostsThatNotified() {
        Recap r = run(Tasks.play(List.of(
                task("probe").arg("value", "conf").arg("changed", "${role == 'primary'}").notify("restart").build(),
                task("probe").arg("value", "conf2").arg("changed", "${role == 'primary'}").notify("restart").build()),
                List.of(task("probe").name("restart").arg("value", "restarted").build(),
                        task("probe").name("never").arg("value", "never").build()), false));
        assertEquals(1, probe.calls.stream().filter(c -> c.endsWith(":restarted")).count(), probe.calls.toString());
        assertTrue(probe.calls.contains("db06:restarted"));
        assertTrue(probe.calls.stream().noneMatch(c -> c.endsWith(":never")));
        assertEquals(0, r.exitCode());
    }

    @Test
    void everyHandlerListeningToATopicRunsInOrderOnce() {
        run(Tasks.play(List.of(
                task("probe").arg("value", "conf").arg("changed", "${role == 'primary'}").notify("config changed").build(),
                task("probe").arg("value", "conf2").arg("changed", "${role == 'primary'}").notify("config changed").build()),
                List.of(task("probe").name("reload").arg("value", "reloaded").listen("config changed").build(),
                        task("probe").name("check").arg("value", "checked").listen("config changed").build(),
                        task("probe").name("restart").arg("value", "restarted").listen("config changed").build()), false));
        List<String> db06 = probe.calls.stream().filter(c -> c.startsWith("db06")).toList();
        assertEquals(List.of("db06:conf", "db06:conf2", "db06:reloaded", "db06:checked", "db06:restarted"), db06);
        assertTrue(probe.calls.stream().noneMatch(c -> c.startsWith("db07:") && !c.contains("conf")), probe.calls.toString());
    }

    @Test
    void flushHandlersRunsThemMidPlay() {
        run(Tasks.play(List.of(
                task("probe").arg("value", "conf").notify("reload").build(),
                task("meta").arg("_", "flush_handlers").build(),
                task("probe").arg("value", "after").build()),
                List.of(task("probe").name("reload").arg("value", "reloaded").listen("reload").build()), false));
        List<String> db06 = probe.calls.stream().filter(c -> c.startsWith("db06")).toList();
        assertEquals(List.of("db06:conf", "db06:reloaded", "db06:after"), db06);
    }

    @Test
    void aFailedHostStopsWhileTheOtherFinishes() {
        Recap r = run(Tasks.play(List.of(
                task("probe").arg("value", "one").arg("fail_on", "db06").build(),
                task("probe").arg("value", "two").build()), List.of(), false));
        assertTrue(probe.calls.contains("db07:two"));
        assertTrue(probe.calls.stream().noneMatch(c -> c.equals("db06:two")));
        assertEquals(1, r.hosts().get("db06").failed);
        assertEquals(3, r.exitCode());
        assertEquals(java.util.Map.of("db06", "probe: probe failed on db06"), r.firstFailures(),
                "the first failure of each host that failed, for an operation to say what went wrong");
    }

    @Test
    void theFirstFailuresAreMaskedAndIgnoredErrorsAreNotFailures() {
        Secrets secrets = new Secrets();
        secrets.register("failed on db07");
        PlaybookRunner runner = new PlaybookRunner(registry, NO_HOSTS, new Expressions(Freemarker.configuration(List.of())), secrets);
        Recap r = runner.run(new Playbook(Path.of("test.yml"), Path.of("."), List.of(Tasks.play(List.of(
                task("probe").name("ignored").arg("value", "one").arg("fail_on", "db06").ignoreErrors().build(),
                task("probe").name("second").arg("value", "two").arg("fail_on", "db07").build()), List.of(), false))),
                inv, RunOptions.defaults(), listener);
        assertEquals(java.util.Map.of("db07", "second: probe " + Secrets.MASK), r.firstFailures());
    }

    @Test
    void anyErrorsFatalStopsEveryHost() {
        Recap r = run(Tasks.play(List.of(
                task("probe").arg("value", "one").arg("fail_on", "db06").build(),
                task("probe").arg("value", "two").build()), List.of(), true));
        // linear: "one" runs on both hosts before the failure is seen; then no host gets "two"
        assertEquals(Set.of("db06:one", "db07:one"), Set.copyOf(probe.calls));
        assertEquals(2, probe.calls.size(), probe.calls.toString());
        assertEquals(1, r.hosts().get("db06").failed);
        assertEquals(1, r.hosts().get("db07").changed);
        assertEquals(3, r.exitCode());
    }

    @Test
    void ignoreErrorsKeepsTheHostGoing() {
        Recap r = run(Tasks.play(List.of(
                task("probe").arg("value", "one").arg("fail", true).ignoreErrors().build(),
                task("probe").arg("value", "two").build()), List.of(), false));
        assertTrue(probe.calls.contains("db06:two"));
        assertEquals(1, r.hosts().get("db06").ignored);
        assertEquals(0, r.exitCode());
    }

    @Test
    void changedWhenAndFailedWhenOverrideTheModule() {
        Recap r = run(Tasks.play(List.of(
                task("probe").arg("value", "x").register("p").changedWhen("false").build(),
                task("probe").arg("value", "y").register("q").failedWhen("q.value == 'y' && inventory_hostname == 'db07'").build()),
                List.of(), false));
        assertEquals(1, r.hosts().get("db06").ok);
        assertEquals(1, r.hosts().get("db06").changed);
        assertEquals(1, r.hosts().get("db07").failed);
    }

    @Test
    void untilRetriesUntilTrue() {
        Recap r = run(Tasks.play(List.of(task("probe").arg("value", "r").register("res").until("res.n >= 5", 10).build()), List.of(), false),
                RunOptions.defaults().withLimit("db06"));
        // the probe's n counts its calls: the fifth call makes until true, and no retry follows it
        assertEquals(Collections.nCopies(5, "db06:r"), probe.calls);
        assertEquals(1, r.hosts().get("db06").changed);
        assertEquals(0, r.exitCode());
    }

    @Test
    void tagsSelectTasks() {
        run(Tasks.play(List.of(task("probe").arg("value", "a").tags("config").build(),
                task("probe").arg("value", "b").tags("build").build(),
                task("probe").arg("value", "c").tags("always").build()), List.of(), false),
                RunOptions.defaults().withTags(Set.of("config")).withLimit("db06"));
        assertEquals(List.of("db06:a", "db06:c"), probe.calls);
    }

    @Test
    void runOnceRunsOnOneHostAndSharesTheResult() {
        run(Tasks.play(List.of(task("probe").arg("value", "once").runOnce().register("o").build(),
                task("probe").arg("value", "saw-${o.value}").build()), List.of(), false));
        assertEquals(1, probe.calls.stream().filter(c -> c.endsWith(":once")).count());
        assertTrue(probe.calls.containsAll(List.of("db06:saw-once", "db07:saw-once")));
    }

    @Test
    void setFactIsVisibleLater() {
        run(Tasks.play(List.of(task("set_fact").arg("greeting", "hi ${inventory_hostname}").build(),
                task("probe").arg("value", "${greeting}").build()), List.of(), false));
        assertTrue(probe.calls.containsAll(List.of("db06:hi db06", "db07:hi db07")));
    }

    @Test
    void undefinedVariableIsRefusedBeforeAnyHostIsTouched() {
        Task bad = task("probe").arg("value", "${pg_prot}").build();
        InputException e = assertThrows(InputException.class, () -> run(Tasks.play(List.of(
                task("probe").arg("value", "fine").build(), bad), List.of(), false)));
        assertTrue(e.describe().contains("pg_prot") && e.describe().contains("test.yml:" + bad.location().line()), e.describe());
        assertEquals(0, probe.count.get());
    }

    @Test
    void undefinedVariableInWhenIsRefusedToo() {
        InputException e = assertThrows(InputException.class, () -> run(Tasks.play(List.of(
                task("probe").arg("value", "x").when("is_primaryy").build()), List.of(), false)));
        assertTrue(e.describe().contains("is_primaryy") && e.describe().contains("when"), e.describe());
        assertEquals(0, probe.count.get());
    }

    @Test
    void registeredNamesAndLoopItemsAreNotMistakenForUndefined() {
        Recap r = run(Tasks.play(List.of(task("probe").arg("value", "v").register("later").build(),
                task("probe").arg("value", "${later.value}-${item}").loop(List.of(1)).when("later.changed").build()), List.of(), false));
        assertEquals(0, r.exitCode());
    }

    @Test
    void unknownHostInPlayIsBadInput() {
        Play p = new Play("p", "db08", Map.of(), null, null, 0, false, false, List.of(), List.of(), List.of(), new SourceLocation("site.yml", 2, 3));
        InputException e = assertThrows(InputException.class, () -> run(p));
        assertTrue(e.describe().startsWith("site.yml:2:3"), e.describe());
    }

    @Test
    void unreachableFactsMarkTheHostUnreachable() {
        Recap r = run(Tasks.play(List.of(task("probe").arg("value", "x").when("ansible_os_family == 'Debian'").build()), List.of(), false));
        assertEquals(1, r.hosts().get("db06").unreachable);
        assertEquals(4, r.exitCode());
    }
}
