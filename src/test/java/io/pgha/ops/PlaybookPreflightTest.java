package io.pgha.ops;

import io.pgha.core.InputException;
import io.pgha.engine.RunListener;
import io.pgha.engine.RunOptions;
import io.pgha.inventory.Inventory;
import io.pgha.ops.render.DefaultVars;
import io.pgha.ops.render.SeedInventory;
import io.pgha.transport.Connection;
import io.pgha.transport.ConnectionSpec;
import io.pgha.transport.Connector;
import io.pgha.transport.UnreachableException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every playbook a verb runs passes the engine's preflight (every template and expression rendered for every host,
 * whatever a task's when: a variable a template needs and a setting lacks is bad input at load time) on each kind of
 * cluster pgha ships: the article's, the lab's, with a witness, with fence devices. No host is contacted: after the
 * preflight the run finds every host unreachable.
 */
class PlaybookPreflightTest {
    @TempDir Path tmp;

    /** What the verbs hand their playbooks (PlaybookVariablesTest holds the playbooks to those names), one value each. */
    private static final Map<String, Object> VERB_VARIABLES = Map.ofEntries(
            Map.entry("pgha_restart_first", List.of("db07")), Map.entry("pgha_restart_then", List.of("db06")),
            Map.entry("pgha_restart_by_switchover", List.of()), Map.entry("pgha_restart_settings", Map.of("db06", List.of("max_connections"))),
            Map.entry("pgha_rejoin_hosts", List.of("db06")), Map.entry("pgha_rejoin_method", "rewind"),
            Map.entry("pgha_switchover_from", "db06"), Map.entry("pgha_switchover_to", "db07"),
            Map.entry("pgha_maintenance", "on"), Map.entry("pgha_maintenance_mark", "2026-12-07 10:42:00 kernel update"),
            Map.entry("pgha_drill_victim", "db06"), Map.entry("pgha_drill_fault", "stop-postgresql"), Map.entry("pgha_drill_step", "inject"));

    private static final Connector NOWHERE = new Connector() {
        @Override public Connection connect(ConnectionSpec spec) throws UnreachableException { throw new UnreachableException(spec.hostName() + ": not in this test"); }
        @Override public void close() {}
    };

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
            "bootstrap.yml, seed", "bootstrap.yml, lab", "bootstrap.yml, lab with a witness", "bootstrap.yml, lab with fence devices",
            "push-config.yml, lab", "push-config.yml, lab with fence devices", "rejoin.yml, lab", "switchover.yml, lab",
            "maintenance.yml, lab", "bootstrap-preflight.yml, lab", "push-settled.yml, lab", "push-passwords.yml, lab",
            "drill-fault.yml, lab",
    })
    void passesThePreflight(String playbook, String setting) throws IOException {
        Path inv = SeedInventory.copy(setting.startsWith("lab") ? "lab" : "seed", tmp, SeedInventory.ARTICLE_SECRETS);
        if (setting.endsWith("with a witness")) {
            Path gv = inv.resolve("group_vars/cluster.yml");
            assertTrue(Files.readString(gv).contains("pg_witness_host: \"${pgha_lab_witness!''}\""), "the lab's witness line moved");
            Files.writeString(gv, Files.readString(gv).replace("pg_witness_host: \"${pgha_lab_witness!''}\"", "pg_witness_host: 172.30.107.158"));
        }
        if (setting.endsWith("with fence devices")) {
            for (String[] n : new String[][] {{"db06", "172.30.207.206"}, {"db07", "172.30.207.207"}}) {
                append(inv.resolve("host_vars/" + n[0] + ".yml"), "pg_fence_agent: fence_ipmilan\npg_fence_ip: " + n[1]
                        + "\npg_fence_user: admin\npg_fence_options: {lanplus: 1, cipher: 3}\n");
            }
        }
        try (Toolkit kit = new Toolkit(tmp, NOWHERE)) {
            Inventory inventory = kit.loadInventory(inv);
            Map<String, Object> defaults = DefaultVars.load(Path.of(DefaultVars.RELATIVE_PATH));
            RunOptions options = RunOptions.defaults().withDefaultVars(defaults).withExtraVars(VERB_VARIABLES);
            assertDoesNotThrow(() -> {
                try {
                    kit.run(kit.loadPlaybook(Path.of("playbooks", playbook)), inventory, options, new RunListener() {});
                } catch (InputException e) {
                    throw new AssertionError(playbook + " on " + setting + ": " + e.describe(), e);
                }
            });
        }
    }

    private static void append(Path file, String yaml) throws IOException {
        Files.writeString(file, Files.readString(file) + "\n" + yaml);
    }
}
