package io.pgha.ops;

import io.pgha.ops.bootstrap.Bootstrap;
import io.pgha.ops.drill.FailoverDrill;
import io.pgha.ops.push.ConfigPush;
import io.pgha.ops.maintenance.Maintenance;
import io.pgha.ops.rejoin.Rejoin;
import io.pgha.ops.switchover.Switchover;
import io.pgha.modules.BuiltinModules;
import io.pgha.playbook.Play;
import io.pgha.playbook.Playbook;
import io.pgha.playbook.PlaybookLoader;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The variables an operation hands its playbook are named once, in Java; this holds the playbooks to
 * those names, so a rename on one side fails here and not on a cluster (an unknown name is "undefined"
 * only when the task runs, or silently false in a when:).
 */
class PlaybookVariablesTest {
    private static final Path PLAYBOOKS = Path.of("playbooks");

    @Test
    void everyVariableAnOperationPassesIsReadByItsPlaybook() throws IOException {
        Map<String, String> readBy = Map.ofEntries(
                Map.entry(Bootstrap.FORCE_REINIT, Bootstrap.PREFLIGHT),
                Map.entry(ConfigPush.PLAN_RESTART_FIRST, ConfigPush.PLAYBOOK),
                Map.entry(ConfigPush.PLAN_RESTART_THEN, ConfigPush.PLAYBOOK),
                Map.entry(ConfigPush.PLAN_RESTART_SETTINGS, "tasks/pg_restart.yml"),
                Map.entry(ConfigPush.PLAN_RESTART_BY_SWITCHOVER, "tasks/pg_settled.yml"),
                Map.entry(Rejoin.REJOIN_HOSTS, Rejoin.PLAYBOOK),
                Map.entry(Rejoin.REJOIN_METHOD, Rejoin.PLAYBOOK),
                Map.entry(FailoverDrill.FAULT_VICTIM, FailoverDrill.FAULT_PLAYBOOK),
                Map.entry(FailoverDrill.FAULT_OPTION, FailoverDrill.FAULT_PLAYBOOK),
                Map.entry(FailoverDrill.FAULT_STEP, FailoverDrill.FAULT_PLAYBOOK),
                Map.entry(Switchover.FROM, Switchover.PLAYBOOK),
                Map.entry(Switchover.TO, Switchover.PLAYBOOK),
                Map.entry(Maintenance.STATE, Maintenance.PLAYBOOK),
                Map.entry(Maintenance.MARK, Maintenance.PLAYBOOK));
        for (var e : readBy.entrySet()) {
            String code = code(Files.readString(PLAYBOOKS.resolve(e.getValue())));
            assertTrue(Pattern.compile("\\b" + Pattern.quote(e.getKey()) + "\\b").matcher(code).find(),
                    e.getValue() + " does not read " + e.getKey() + ", which the operation passes it");
        }
    }

    @Test
    void everyPlaybookOfTheProjectLoadsWithItsImportsAndHandlers() throws IOException {
        PlaybookLoader loader = new PlaybookLoader(BuiltinModules.registry());
        try (var files = Files.list(PLAYBOOKS)) {
            List<Path> playbooks = files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
            assertEquals(List.of(Bootstrap.PREFLIGHT, Bootstrap.PLAYBOOK, FailoverDrill.FAULT_PLAYBOOK, Maintenance.PLAYBOOK,
                            ConfigPush.PLAYBOOK, ConfigPush.PASSWORDS_PLAYBOOK, ConfigPush.SETTLED_PLAYBOOK, Rejoin.PLAYBOOK, Switchover.PLAYBOOK),
                    playbooks.stream().map(f -> f.getFileName().toString()).toList());
            for (Path f : playbooks) assertFalse(loader.load(f).plays().isEmpty(), f.toString());
        }
        // the primary's and the standby's plays share one definition of the configuration handlers
        Playbook bootstrap = loader.load(PLAYBOOKS.resolve(Bootstrap.PLAYBOOK));
        for (String play : List.of("primary", "standby")) {
            Play p = bootstrap.plays().stream().filter(x -> x.name().equals(play)).findFirst().orElseThrow();
            assertEquals(List.of("reload postgresql", "settings that wait for a restart"),
                    p.handlers().stream().map(t -> t.name()).limit(2).toList(), play);
            assertEquals(3, p.handlers().size(), play);
        }
    }

    @Test
    void everyVariableAnImportPassesIsReadByItsTaskFile() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(PLAYBOOKS, PLAYBOOKS.resolve("tasks"))) {
            try (var list = Files.list(dir)) { list.filter(f -> f.toString().endsWith(".yml")).sorted().forEach(files::add); }
        }
        int imports = 0;
        for (Path file : files) {
            for (Map<?, ?> imp : importsWithVars(new Yaml().load(Files.readString(file)))) {
                Path taskFile = file.getParent().resolve(String.valueOf(imp.get("import_tasks")));
                String code = code(Files.readString(taskFile));
                for (Object name : ((Map<?, ?>) imp.get("vars")).keySet()) {
                    assertTrue(Pattern.compile("\\b" + Pattern.quote(String.valueOf(name)) + "\\b").matcher(code).find(),
                            file + " passes " + name + " to " + taskFile + ", which does not read it");
                }
                imports++;
            }
        }
        assertTrue(imports >= 8, "found only " + imports + " imports with vars");
    }

    /** The import_tasks entries with vars: anywhere in a playbook or task file (plays, their task lists). */
    private static List<Map<?, ?>> importsWithVars(Object yaml) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (yaml instanceof List<?> items) for (Object item : items) out.addAll(importsWithVars(item));
        if (yaml instanceof Map<?, ?> m) {
            if (m.containsKey("import_tasks") && m.get("vars") instanceof Map) out.add(m);
            for (String section : List.of("pre_tasks", "tasks", "post_tasks", "handlers", "block", "rescue", "always")) out.addAll(importsWithVars(m.get(section)));
        }
        return out;
    }

    /** The lines that are not comments: a name only mentioned in a comment is not read. */
    private static String code(String text) {
        return text.lines().filter(l -> !l.strip().startsWith("#")).reduce("", (a, b) -> a + "\n" + b);
    }

    @Test
    void theRestartPlanIsReadByTheTaskFileThePushIncludes() throws IOException {
        String push = Files.readString(PLAYBOOKS.resolve(ConfigPush.PLAYBOOK));
        assertTrue(push.contains("tasks/pg_restart.yml"), "push-config.yml includes tasks/pg_restart.yml");
    }
}
