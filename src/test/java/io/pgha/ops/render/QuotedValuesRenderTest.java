package io.pgha.ops.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7, part 2: legitimate values that used to render broken files now render files whose
 * readers (bash, systemd, PostgreSQL, libpq) get exactly the value back.
 */
class QuotedValuesRenderTest {
    static final String DATA = "/home/postgres/pg data";
    @TempDir Path tmp;

    private Map<String, String> render(SeedCase seed, Map<String, Object> extra) {
        ConfigRenderer renderer = new ConfigRenderer(Path.of("templates"));
        Map<String, String> out = new LinkedHashMap<>();
        for (RenderedFile f : renderer.render(new ClusterVars(SeedInventory.load(seed.inv), seed.defaults, extra).forHost("db07"))) {
            out.put(f.path(), f.content());
        }
        return out;
    }

    /** Runs bash on a script and returns its stdout; fails on a non-zero exit. */
    private String bash(String script, String... args) throws IOException, InterruptedException {
        Path f = Files.createTempFile(tmp, "script", ".sh");
        Files.writeString(f, script);
        List<String> cmd = new ArrayList<>(List.of("bash", f.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), script);
        return out;
    }

    @Test
    void aDataDirectoryWithASpaceReachesEveryReaderWhole() throws Exception {
        SeedCase seed = new SeedCase(tmp.resolve("inv"));
        seed.append("group_vars/cluster.yml", "pg_data: \"" + DATA + "\"\n");
        assertEquals(List.of(), seed.problems());
        Map<String, String> files = render(seed, Map.of("pgha_state_dir", tmp.resolve("state").toString()));

        String env = files.get("/home/postgres/.pg_env.sh");
        assertEquals(DATA, bash(env + "\nprintf %s \"$PGDATA\"\n"));
        // the keepalived scripts' shared environment, up to the end of ka_env.ftl
        for (String script : List.of("pg_monitor.sh", "pg_active_standby.sh", "pg_fence.sh", "pg_safe_boot.sh")) {
            String text = files.get("/etc/keepalived/" + script);
            bash("bash -n \"$1\"", writeTemp(text));
            String envPart = text.substring(0, text.indexOf("mkdir -p \"$STATE_DIR\"\n") + "mkdir -p \"$STATE_DIR\"\n".length());
            assertEquals(DATA, bash(envPart + "printf %s \"$PGDATA\"\n"), script);
        }
        String unit = files.get("/etc/systemd/system/postgresql.service");
        assertTrue(unit.contains("\nEnvironment=\"PGDATA=" + DATA + "\"\n"), unit);
        assertTrue(unit.contains("\nExecStart=/home/postgres/pghome/bin/postgres -D \"" + DATA + "\"\n"), unit);
    }

    private String writeTemp(String text) throws IOException {
        Path f = Files.createTempFile(tmp, "syntax", ".sh");
        Files.writeString(f, text);
        return f.toString();
    }

    @Test
    void anApplicationNameWithQuotesSurvivesConninfoInsidePostgresqlConf() {
        String name = "pg'db \"02\\x";
        SeedCase seed = new SeedCase(tmp.resolve("inv"));
        Map<String, String> files = render(seed, Map.of("pg_application_name", name));
        String line = files.get("/home/postgres/pgdata/postgresql.conf").lines()
                .filter(l -> l.startsWith("primary_conninfo = ")).findFirst().orElseThrow();
        Map<String, String> conninfo = Conninfo.parse(Conninfo.confString(line.substring("primary_conninfo = ".length())));
        assertEquals(name, conninfo.get("application_name"), line);
        assertEquals("172.16.107.156", conninfo.get("host"), line);
        assertEquals("/home/postgres/.pgpass", conninfo.get("passfile"), line);
    }

    @Test
    void aPasswordWithEveryPrintableAsciiCharacterIsWrittenToPgpassExactly() {
        StringBuilder all = new StringBuilder();
        for (char c = 0x20; c < 0x7f; c++) all.append(c);
        String password = all + "${pg_port}";   // a secret is a literal, not a template
        Map<String, String> secrets = new HashMap<>(SeedInventory.ARTICLE_SECRETS);
        secrets.put("pg_replication_password", password);
        SeedCase seed = new SeedCase(tmp.resolve("inv"), secrets);
        assertEquals(List.of(), seed.problems());
        Map<String, String> files = render(seed, Map.of());
        List<String> replication = files.get("/home/postgres/.pgpass").lines().filter(l -> l.startsWith("*:54321:replication:")).toList();
        assertEquals(1, replication.size(), files.get("/home/postgres/.pgpass"));
        assertEquals(List.of("*", "54321", "replication", "replicator", password), Conninfo.pgpassFields(replication.get(0)));
        assertFalse(files.get("/home/postgres/pgdata/postgresql.conf").contains(password));
    }
}
