package io.pgha.ops.render;

import io.pgha.core.InputException;
import io.pgha.inventory.Inventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rendering beyond the seed: the lab's package layout, strictness, version-dependent settings, script syntax. */
class ConfigRendererTest {
    @TempDir Path tmp;
    final Map<String, Object> defaults = DefaultVars.load(Path.of(DefaultVars.RELATIVE_PATH));
    final ConfigRenderer renderer = new ConfigRenderer(Path.of("templates"));

    private int copies;

    private Map<String, String> render(String inventory, String host, Map<String, Object> extra) {
        Path dir = tmp.resolve(inventory + "-" + copies++);
        Inventory inv = SeedInventory.load(SeedInventory.copy(inventory, dir, SeedInventory.ARTICLE_SECRETS));
        Map<String, String> out = new LinkedHashMap<>();
        for (RenderedFile f : renderer.render(new ClusterVars(inv, defaults, extra).forHost(host))) out.put(f.path(), f.content());
        return out;
    }

    @Test
    void labUsesDebiansPackagesAndLayout() {
        Map<String, String> files = render("lab", "db07", Map.of());
        assertEquals(List.of("/etc/systemd/system/pgha-lease-keeper.service"),
                files.keySet().stream().filter(p -> p.startsWith("/etc/systemd/system/") && p.endsWith(".service")).toList(),
                "package installs use the distribution's units; only pgha's own lease keeper has one: " + files.keySet());
        assertTrue(files.containsKey("/etc/systemd/system/postgresql@15-main.service.d/pgha-safe-boot.conf"),
                "the distribution's unit gets the safe boot drop-in: " + files.keySet());
        String conf = files.get("/etc/postgresql/15/main/postgresql.conf");
        assertTrue(conf.contains("data_directory = '/var/lib/postgresql/15/main'"), conf);
        assertTrue(conf.contains("hba_file = '/etc/postgresql/15/main/pg_hba.conf'"), conf);
        assertTrue(conf.contains("external_pid_file = '/var/run/postgresql/15-main.pid'"), conf);
        assertTrue(conf.contains("primary_conninfo = 'application_name=pgdb02 host=172.30.107.156 port=54321 user=replicator passfile=/var/lib/postgresql/.pgpass'"), conf);
        assertTrue(conf.contains("archive_command = 'if test -f /var/lib/postgresql/pg_archive/%f; then cmp -s %p"), conf);
        assertTrue(files.get("/etc/postgresql/15/main/pg_hba.conf").contains("172.30.107.0/24"));
        String ka = files.get("/etc/keepalived/keepalived.conf");
        assertTrue(ka.contains("172.30.107.159/24 dev eth0 label eth0:vip"), ka);
        assertTrue(ka.contains("priority 90"), ka);
        assertEquals(-1, ka.indexOf("ens192"));
        assertTrue(files.get("/etc/default/keepalived").contains("DAEMON_ARGS=\"-f /etc/keepalived/keepalived.conf -D -S 0\""));
        String monitor = files.get("/etc/keepalived/pg_monitor.sh");
        assertTrue(monitor.contains("export PATH=/usr/lib/postgresql/15/bin:$PATH"), monitor);
        assertTrue(monitor.contains("export PGHOST=/var/run/postgresql"), monitor);
        assertTrue(files.get("/var/lib/postgresql/.pgpass").contains("*:54321:replication:replicator:replicator"));
    }

    /** The local archive command, as rendered, run by /bin/sh the way PostgreSQL runs it (%p, %f substituted). */
    @Test
    void localArchiveTakesAFileOnceAcceptsTheSameFileAgainAndRefusesADifferentOne() throws Exception {
        Path archive = Files.createDirectories(tmp.resolve("archive"));
        String conf = render("lab", "db06", Map.of("pg_archive_dir", archive.toString())).get("/etc/postgresql/15/main/postgresql.conf");
        String line = conf.lines().filter(l -> l.startsWith("archive_command = '")).findFirst().orElseThrow();
        String command = line.substring("archive_command = '".length(), line.length() - 1);
        Path wal = Files.writeString(tmp.resolve("00000003.history"), "2\t0/5000638\tno recovery target specified\n");
        String run = command.replace("%p", wal.toString()).replace("%f", "00000003.history");

        assertEquals(0, sh(run), "first archiving: " + run);
        assertEquals(Files.readString(wal), Files.readString(archive.resolve("00000003.history")));
        assertFalse(Files.exists(archive.resolve("00000003.history.part")), "no partial copy left behind");
        assertEquals(0, sh(run), "the same file offered again counts as archived");
        Files.writeString(wal, "2\t0/6000000\tanother timeline 3\n");
        assertEquals(1, sh(run), "a different file under an archived name is refused, never overwritten");
        assertTrue(Files.readString(archive.resolve("00000003.history")).contains("0/5000638"), "the archived copy kept");
    }

    private static int sh(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), command);
        return p.exitValue();
    }

    @Test
    void idleSessionTimeoutOnlyFromPostgresql14() {
        assertTrue(render("seed", "db06", Map.of("pg_version", "14.11")).get("/home/postgres/pgdata/postgresql.conf")
                .contains("idle_session_timeout = 30min"));
        String v13 = render("seed", "db06", Map.of("pg_version", "13.14")).get("/home/postgres/pgdata/postgresql.conf");
        assertFalse(v13.contains("idle_session_timeout"), v13);
        assertTrue(v13.contains("idle_in_transaction_session_timeout = 30min"));
    }

    @Test
    void aMissingVariableNamesTheTemplateLineAndTheVariable() throws IOException {
        Path inv = SeedInventory.copy("seed", tmp.resolve("x"), SeedInventory.ARTICLE_SECRETS);
        Path gv = inv.resolve("group_vars/cluster.yml");
        Files.writeString(gv, Files.readString(gv).replace("pg_cluster_network: 172.16.107.0/24", ""));
        Map<String, Object> vars = new ClusterVars(SeedInventory.load(inv), defaults).forHost("db06");
        InputException e = assertThrows(InputException.class, () -> renderer.render(vars));
        assertEquals("templates/pg_hba.conf.ftl", e.location().file(), e.describe());
        assertEquals("pg_cluster_network", e.field(), e.describe());
        assertTrue(e.getMessage().startsWith("db06: "), e.describe());
    }

    @Test
    void peerAndPrimaryAreFoundThroughTheClusterGroup() {
        Map<String, String> db06 = render("seed", "db06", Map.of());
        assertTrue(db06.get("/etc/keepalived/pg_active_standby.sh").contains("PEER_HOST=172.16.107.157"));
        Map<String, String> unicast = render("seed", "db07", Map.of("ka_unicast", true));
        String ka = unicast.get("/etc/keepalived/keepalived.conf");
        assertTrue(ka.contains("unicast_src_ip 172.16.107.157"), ka);
        assertTrue(ka.replaceAll("\\s+", " ").contains("unicast_peer { 172.16.107.156 }"), ka);
        // peer archive: scp to the other node, restore from the local copy
        String conf = render("seed", "db07", Map.of("pg_archive_method", "peer")).get("/home/postgres/pgdata/postgresql.conf");
        assertTrue(conf.contains("archive_command = 'scp %p 172.16.107.156:/home/postgres/pg_archive/%f'"), conf);
        assertTrue(conf.contains("restore_command = 'cp /home/postgres/pg_archive/%f %p'"), conf);
    }

    @Test
    void renderedScriptsAreValidShell() throws Exception {
        for (String inventory : List.of("seed", "lab", "lab-witness")) {
            Map<String, Object> extra = new HashMap<>();
            if (inventory.equals("lab-witness")) extra.put("pg_witness_host", "172.30.107.158");
            Map<String, String> files = render(inventory.replace("-witness", ""), "db07", extra);
            for (String script : List.of("/etc/keepalived/pg_monitor.sh", "/etc/keepalived/pg_active_standby.sh", "/home/postgres/.pg_env.sh",
                    "/var/lib/postgresql/.pg_env.sh", "/etc/keepalived/pg_fence.sh", "/etc/keepalived/pg_safe_boot.sh",
                    "/etc/keepalived/pg_lease_keeper.sh")) {
                if (!files.containsKey(script)) continue;
                Path f = tmp.resolve(inventory + "-" + Path.of(script).getFileName());
                Files.writeString(f, files.get(script));
                Process p = new ProcessBuilder("bash", "-n", f.toString()).redirectErrorStream(true).start();
                assertTrue(p.waitFor(10, TimeUnit.SECONDS));
                String out = new String(p.getInputStream().readAllBytes());
                assertEquals(0, p.exitValue(), inventory + " " + script + ": " + out);
            }
        }
    }

    @Test
    void aWitnessGivesEachScriptItsAddressAndThePgpassItsLogin() {
        Map<String, String> files = render("lab", "db07", Map.of("pg_witness_host", "172.30.107.158"));
        assertTrue(files.get("/etc/keepalived/pg_lease_keeper.sh").contains("WITNESS_HOST=172.30.107.158\n"));
        assertTrue(files.get("/etc/keepalived/pg_active_standby.sh").contains("WITNESS_HOST=172.30.107.158\n"));
        assertTrue(files.get("/var/lib/postgresql/.pgpass").contains("\n172.30.107.158:5432:pgha_witness:pgha_witness:witness-secret\n"));
        assertTrue(files.get("/etc/systemd/system/pgha-lease-keeper.service").contains("ExecStart=/etc/keepalived/pg_lease_keeper.sh\n"));
        Map<String, String> without = render("lab", "db07", Map.of());
        assertTrue(without.get("/etc/keepalived/pg_lease_keeper.sh").contains("WITNESS_HOST=''\n")
                || without.get("/etc/keepalived/pg_lease_keeper.sh").contains("WITNESS_HOST=\n"), "no witness: an empty address");
        assertFalse(without.get("/var/lib/postgresql/.pgpass").contains("pgha_witness"));
    }
}
