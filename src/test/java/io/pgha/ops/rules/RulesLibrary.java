package io.pgha.ops.rules;

import io.pgha.ops.render.ConfigRenderer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The failover rules (templates/pg_rules.sh.ftl) rendered once and run under bash, one rule call per row, with
 * the cluster's settings in the environment as ka_env sets them on a node: the rules read nothing else.
 */
final class RulesLibrary {
    /** A lab-like cluster seen from db06 (its peer db07 at 10.0.0.7). */
    static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("PEER_HOST", "10.0.0.7"), Map.entry("WITNESS_HOST", ""), Map.entry("LEASE_ME", "db06"),
            Map.entry("LEASE_TTL", "8"), Map.entry("REPLICATION_MODE", "async"), Map.entry("LAG_SECONDS", "60"),
            Map.entry("MY_APP_NAME", "pgdb01"), Map.entry("CHECK_INTERVAL", "1"), Map.entry("DEGRADE_AFTER", "10"),
            Map.entry("MONITOR_TABLE", "sr_delay"), Map.entry("HEARTBEAT_SEEN_FILE", "/run/pgha-heartbeat-seen"),
            Map.entry("FENCE_AFTER", "2"), Map.entry("PGDATA", "/var/lib/postgresql/15/main"),
            Map.entry("PEER_FENCE_AGENT", ""), Map.entry("TIEBREAKER", "10.0.0.1"), Map.entry("FENCE_DELAY", "4"),
            Map.entry("FENCE_STANDBY_AFTER", "2"));
    /** The peer's power controller, as a fence device in the inventory gives it. */
    static final Map<String, String> FENCE_DEVICE = Map.of("PEER_FENCE_AGENT", "fence_ipmilan");
    static final String WITNESS = "10.0.0.8";

    private static Path file;

    private RulesLibrary() {}

    /** The rendered library, written once per test run. */
    static synchronized Path file() {
        if (file != null) return file;
        try {
            file = Files.createTempFile("pg_rules", ".sh");
            file.toFile().deleteOnExit();
            Files.writeString(file, new ConfigRenderer(Path.of("templates")).renderAlone("pg_rules.sh.ftl"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rule's verdict line ("VERDICT reason") with these settings changed; fails when bash does. */
    static String ask(Map<String, String> changed, String rule, String... facts) {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "source \"$0\" && \"$@\"", file().toString(), rule));
        cmd.addAll(List.of(facts));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = new LinkedHashMap<>(SETTINGS);
        env.putAll(changed);
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(rule + " " + String.join(" ", facts) + " failed: " + out);
            }
            if (out.lines().count() != 1) throw new AssertionError(rule + " must print one line, printed: " + out);
            return out.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String ask(String rule, String... facts) { return ask(Map.of(), rule, facts); }

    /** "" in a table cell is an empty fact; "\n" in it a line break (psql's errors span lines). */
    static String cell(String s) { return s == null ? "" : s.replace("\\n", "\n"); }
}
