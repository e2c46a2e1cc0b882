package io.pgha.it;

import io.pgha.cli.CliRun;
import io.pgha.cli.FailoverDrillCommand;
import io.pgha.cli.MaintenanceCommand;
import io.pgha.cli.PushConfigCommand;
import io.pgha.cli.RejoinCommand;
import io.pgha.cli.StatusCommand;
import io.pgha.cli.SwitchoverCommand;
import io.pgha.cli.VerifyCommand;
import io.pgha.ops.Stage;
import io.pgha.ops.bootstrap.Bootstrap.Outcome;
import io.pgha.ops.push.ConfigPush;
import io.pgha.ops.push.PushPlan;
import io.pgha.ops.rejoin.Rejoin;
import io.pgha.testing.LabFixture;
import io.pgha.testing.NodeLogsOnFailure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.pgha.testing.LabFixture.DB06;
import static io.pgha.testing.LabFixture.DB07;
import static io.pgha.it.DrillRuns.assertNoSplitBrainAtMostTheInFlightCommitsLost;
import static io.pgha.it.DrillRuns.assertNoSplitBrainNoLoss;
import static io.pgha.it.DrillRuns.assertRecovered;
import static io.pgha.it.DrillRuns.awaitHealthy;
import static io.pgha.it.DrillRuns.awaitStatus;
import static io.pgha.it.DrillRuns.drill;
import static io.pgha.it.DrillRuns.jsonLong;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package cluster's life on the lab: `pgha bootstrap -i .lab/NAME` (install_method package)
 * from bare nodes to verified replication behind the VIP; a second run changes nothing; the hardening
 * is really on the nodes; verify and status name what is wrong; push-config reloads or restarts in the
 * right order; a promoted standby is refused by bootstrap and push-config, and --force-reinit rebuilds it.
 */
@Tag("lab")
@ExtendWith(NodeLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageClusterLabTest {
    static LabFixture lab;
    static Path inventory;

    @BeforeAll
    static void bareNodes() {
        lab = LabFixture.get();
        lab.freshNodes();
        inventory = lab.inventory().getParent();
    }

    static Outcome bootstrap(boolean check) {
        return BootstrapRuns.run(inventory, check, "package");
    }

    @Test
    @Order(1)
    void checkModeOnBareNodesChangesNothing() {
        Outcome o = bootstrap(true);
        assertEquals(Stage.CHECKED, o.stage(), "check mode on bare nodes: " + o);
        for (String h : new String[] {DB06, DB07}) {
            assertEquals("no", lab.sh(h, "dpkg-query -W postgresql-15 >/dev/null 2>&1 && echo yes || echo no").strip(), h + ": check mode installed PostgreSQL");
            assertEquals("no", lab.sh(h, "id postgres >/dev/null 2>&1 && echo yes || echo no").strip(), h + ": check mode created the postgres user");
        }
    }

    @Test
    @Order(2)
    void bareNodesToVerifiedReplication() {
        Outcome o = bootstrap(false);
        assertEquals(Stage.VERIFIED, o.stage(), "bootstrap did not verify: " + o);
        assertNotNull(o.verification());
        assertTrue(o.verification().passed(), o.verification().toString());

        // initdb with data checksums, the standby really a standby, the VIP on the primary only
        assertEquals("on", psql(DB06, "show data_checksums"));
        assertEquals("f", psql(DB06, "select pg_is_in_recovery()"));
        assertEquals("t", psql(DB07, "select pg_is_in_recovery()"));
        assertEquals(0, lab.shStatus(DB06, "ip -o -4 addr show eth0 | grep -q ' " + lab.vip() + "/'"), "VIP not on db06");
        assertFalse(io.pgha.ops.verify.NodeAddresses.holds(lab.sh(DB07, "ip -o -4 addr show eth0"), lab.vip()), "VIP also on db07");
    }

    @Test
    @Order(3)
    void secretsStayInPrivateFiles() throws Exception {
        String password = Files.readString(lab.config().secretsDir().resolve("pg_replication_password")).strip();
        for (String h : new String[] {DB06, DB07}) {
            assertEquals("600 postgres", lab.sh(h, "stat -c '%a %U' /var/lib/postgresql/.pgpass").strip(), h);
            assertEquals("600 root", lab.sh(h, "stat -c '%a %U' /etc/keepalived/keepalived.conf").strip(), h);
            assertEquals("700 root", lab.sh(h, "stat -c '%a %U' /etc/keepalived/pg_active_standby.sh").strip(), h);
            // the replication password is in .pgpass only: not in configs, scripts, auto.conf or the server log
            String leaks = lab.sh(h, "grep -rlF -- '" + password + "' /etc/postgresql /etc/keepalived /var/lib/postgresql/15/main/postgresql.auto.conf"
                    + " /var/lib/postgresql/pg_log 2>/dev/null || true");
            assertEquals("", leaks.strip(), h + ": password found in " + leaks);
        }
        assertTrue(lab.sh(DB07, "cat /etc/postgresql/15/main/postgresql.conf").contains("passfile="), "primary_conninfo should use passfile");
    }

    @Test
    @Order(4)
    void secondRunChangesNothingAndVerifiesAgain() {
        Outcome o = bootstrap(false);
        assertEquals(Stage.VERIFIED, o.stage(), "re-run did not verify: " + o);
        assertEquals(0, o.recap().totalChanged(), "re-run on a healthy cluster changed something");
    }

    @Test
    @Order(4)
    void statusWatchReadsTheClusterAgainEachRefresh() {
        CliRun watched = status("--watch", "1", "--count", "3", "--json");
        assertEquals(0, watched.exit(), watched.out() + watched.err());
        List<String> reports = watched.out().lines().filter(l -> l.startsWith("{")).toList();
        assertEquals(3, reports.size(), watched.out());
        for (String r : reports) assertTrue(r.contains("\"healthy\":true"), r);
        CliRun plain = status("--watch", "1", "--count", "2");
        assertEquals(0, plain.exit(), plain.out() + plain.err());
        assertEquals(2, plain.out().lines().filter(l -> l.startsWith("every 1 s, ")).count(), plain.out());
        assertFalse(plain.out().contains("\u001b["), "no terminal: no escape codes");
        CliRun refused = status("--count", "2");
        assertEquals(2, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("--count needs --watch"), refused.err());
    }

    @Test
    @Order(5)
    void pghaVerifyAloneChecksTheClusterAndNamesWhatIsWrong() {
        CliRun ok = verify("--json");
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().startsWith("{\"event\":\"verification\",\"passed\":true,"), ok.out());
        for (String check : new String[] {"vip", "primary", "pg_stat_replication", "pg_stat_wal_receiver", "write via VIP", "archiving"}) {
            assertTrue(ok.out().contains("{\"check\":\"" + check + "\","), check + " missing: " + ok.out());
        }
        CliRun healthy = status();
        assertEquals(0, healthy.exit(), healthy.out() + healthy.err());
        assertTrue(healthy.out().matches("(?s).*\\n  db06   primary +1  [0-9A-F]+/[0-9A-F]+ +- +yes  MASTER +streams to pgdb02@.*"), healthy.out());
        assertTrue(healthy.out().matches("(?s).*\\n  db07   standby +1  [0-9A-F]+/[0-9A-F]+ +[0-9.]+ (bytes|kB) +- +BACKUP +streaming from .*"), healthy.out());
        assertTrue(healthy.out().contains("healthy: db06 is primary and holds the VIP; every standby streams"), healthy.out());

        // the standby down: exit 3, and the report says the primary streams to nobody
        lab.sh(DB07, "systemctl stop postgresql@15-main");
        try {
            CliRun st = status("--json");
            assertEquals(3, st.exit(), st.out() + st.err());
            assertTrue(st.out().startsWith("{\"event\":\"status\",\"healthy\":false,\"exit_code\":3,"), st.out());
            assertTrue(st.out().contains("{\"host\":\"db07\",\"role\":\"down\",\"inventory_role\":\"standby\",\"holds_vip\":false,\"keepalived\":\"running\",\"vrrp_state\":\"BACKUP\""), st.out());
            assertTrue(st.out().contains("{\"severity\":\"problem\",\"host\":\"db07\",\"message\":\"db07: PostgreSQL does not accept connections on port 54321"), st.out());
            CliRun down = verify();
            assertEquals(3, down.exit(), down.out() + down.err());
            assertTrue(down.out().contains("FAILED pg_stat_replication") && down.out().contains("expected 1 streaming standby(s), saw none"),
                    down.out());
            assertTrue(down.out().contains("FAILED pg_stat_wal_receiver   db07: PostgreSQL does not accept connections on port 54321"),
                    down.out());
            assertTrue(down.out().contains("ok     archiving"), "the checks of the primary still run: " + down.out());
            assertTrue(down.out().strip().endsWith("verification FAILED"), down.out());
        } finally {
            lab.sh(DB07, "systemctl start postgresql@15-main");
        }
        for (int i = 0; i < 60 && verify().exit() != 0; i++) BootstrapRuns.pause(500);
        assertEquals(0, verify().exit(), "the standby did not come back");

        // the VIP on both nodes: verify names where it is
        lab.sh(DB07, "ip addr add " + lab.vip() + "/24 dev eth0");
        try {
            CliRun both = verify();
            assertEquals(3, both.exit(), both.out() + both.err());
            assertTrue(both.out().contains("FAILED vip") && both.out().contains("expected on db06 only"), both.out());
        } finally {
            lab.sh(DB07, "ip addr del " + lab.vip() + "/24 dev eth0");
        }

        // a failing archive_command (its directory read-only): verify says so, with what to do
        String archive = "/var/lib/postgresql/pg_archive";
        String newSegment = "su postgres -c \"psql -X -q -p 54321 -d keepalived -c 'update sr_delay set last_alive = now()' -c 'select pg_switch_wal()'\"";
        lab.sh(DB06, "chmod 0555 " + archive);
        try {
            lab.sh(DB06, newSegment);
            for (int i = 0; i < 40 && !psql(DB06, "select failed_count > 0 from pg_stat_archiver").equals("t"); i++) BootstrapRuns.pause(500);
            CliRun failing = verify();
            assertEquals(3, failing.exit(), failing.out() + failing.err());
            assertTrue(failing.out().contains("FAILED archiving") && failing.out().contains("archive_command fails on db06"), failing.out());
        } finally {
            lab.sh(DB06, "chmod 0700 " + archive);
        }
        lab.sh(DB06, newSegment); // wakes the archiver, which retries the failed segment first
        for (int i = 0; i < 60 && verify().exit() != 0; i++) BootstrapRuns.pause(1_000);
        assertEquals(0, verify().exit(), "archiving did not recover: " + verify().out());
    }

    static CliRun verify(String... more) { return CliRun.of(new VerifyCommand(), withInventory(more)); }

    static CliRun status(String... more) { return CliRun.of(new StatusCommand(), withInventory(more)); }

    static String[] withInventory(String... more) {
        String[] args = new String[more.length + 2];
        args[0] = "-i";
        args[1] = inventory.toString();
        System.arraycopy(more, 0, args, 2, more.length);
        return args;
    }

    @Test
    @Order(6)
    void pushConfigReloadsOrRestartsAsEachSettingNeedsStandbysFirstWhenRaising() {
        String conf = "/etc/postgresql/15/main/postgresql.conf";
        List<PushPlan> plans = new ArrayList<>();
        // check mode: the plan, nothing written
        ConfigPush.Outcome dry = BootstrapRuns.push(inventory, true, Map.of("pg_work_mem", "8MB"), plans);
        assertEquals(Stage.CHECKED, dry.stage(), dry.toString());
        assertEquals("[work_mem 4MB -> 8MB (reload)]", plans.get(0).changes().get(DB07).toString());
        assertFalse(plans.get(0).restarts());
        assertTrue(lab.sh(DB06, "grep '^work_mem' " + conf).contains("4MB"), "check mode wrote postgresql.conf");

        // a reload-only change and a restart: standby restarted first, then the primary
        String started06 = psql(DB06, "select pg_postmaster_start_time()");
        ConfigPush.Outcome raised = BootstrapRuns.push(inventory, false, Map.of("pg_work_mem", "8MB", "pg_max_connections", "1100"), plans);
        assertEquals(Stage.VERIFIED, raised.stage(), raised.toString());
        assertEquals(List.of(DB07), plans.get(1).restartFirst());
        assertEquals(List.of(DB06), plans.get(1).restartThen());
        for (String h : new String[] {DB06, DB07}) {
            assertEquals("8MB|1100", psql(h, "select current_setting(\\$\\$work_mem\\$\\$) || \\$\\$|\\$\\$ || current_setting(\\$\\$max_connections\\$\\$)"), h);
        }
        assertTrue(psql(DB07, "select pg_postmaster_start_time() < \\$\\$" + psql(DB06, "select pg_postmaster_start_time()") + "\\$\\$::timestamptz").equals("t"),
                "the standby must restart before the primary when max_connections goes up");
        assertFalse(started06.equals(psql(DB06, "select pg_postmaster_start_time()")), "the primary was not restarted");

        // the same push again: nothing to do
        ConfigPush.Outcome again = BootstrapRuns.push(inventory, false, Map.of("pg_work_mem", "8MB", "pg_max_connections", "1100"), plans);
        assertEquals(Stage.VERIFIED, again.stage(), again.toString());
        assertEquals(0, again.recap().totalChanged(), "a repeated push changed something");
        assertTrue(plans.get(2).changes().values().stream().allMatch(List::isEmpty), plans.get(2).toString());

        // back to the inventory: max_connections goes down, so the primary first; the standby waits for
        // the primary's new value in the WAL, or it would refuse to start
        String reloadOnly = psql(DB07, "select pg_postmaster_start_time()");
        ConfigPush.Outcome lowered = BootstrapRuns.push(inventory, false, Map.of(), plans);
        assertEquals(Stage.VERIFIED, lowered.stage(), lowered.toString());
        assertEquals(List.of(DB06), plans.get(3).restartFirst());
        assertEquals(List.of(DB07), plans.get(3).restartThen());
        assertEquals("1024", psql(DB07, "show max_connections"));
        assertFalse(reloadOnly.equals(psql(DB07, "select pg_postmaster_start_time()")), "the standby was not restarted");
    }

    @Test
    @Order(6)
    void pushConfigRotatesPasswordsWithReplicationStreamingThroughoutAndRotatesThemBack() throws Exception {
        // a copy whose three secrets come from new files: the replication, health-check and VRRP passwords
        Path rotated = BootstrapRuns.copy(inventory, "lab-rotated");
        Path secrets = Files.createDirectories(rotated.resolve("rotated-secrets"));
        for (String name : new String[] {"pg_replication_password", "pg_monitor_password", "ka_auth_pass"}) {
            Path f = secrets.resolve(name);
            Files.writeString(f, name.equals("ka_auth_pass") ? "n3wVrrp1\n" : "rotated-" + name + "-2026\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
            BootstrapRuns.swap(rotated.resolve("hosts.yml"), name + "_file: " + lab.config().secretsDir().resolve(name),
                    name + "_file: " + f.toAbsolutePath());
        }
        String receiver = "select pid::text || chr(32) || status from pg_stat_wal_receiver";
        String streaming = psql(DB07, receiver);
        assertTrue(streaming.endsWith(" streaming"), streaming);
        // db06 never leaves MASTER (the fence would log it), db07 never takes the VIP (its guard would log it)
        String fenceLog = "/etc/keepalived/log/pg_fence.log", failoverLog = "/etc/keepalived/log/pg_failover.log";
        int left06 = countLines(DB06, fenceLog, "(was MASTER)"), took07 = countLines(DB07, failoverLog, "VIP switchover");
        try {
            // check mode cannot read the cluster with a password the cluster does not know yet: it says so
            CliRun dry = CliRun.withStdout(new PushConfigCommand(), "-i", rotated.toString(), "--check");
            assertEquals(2, dry.exit(), dry.out() + dry.err());
            assertTrue((dry.out() + dry.err()).contains("without --check, push-config sets the new passwords first"), dry.out() + dry.err());
            assertEquals(streaming, psql(DB07, receiver), "check mode changed nothing");
            CliRun push = CliRun.withStdout(new PushConfigCommand(), "-i", rotated.toString());
            assertEquals(0, push.exit(), push.out() + push.err());
            assertTrue(push.out().contains("role passwords as the inventory gives them"), push.out());
            assertFalse(push.out().contains("rotated-pg_") || push.out().contains("n3wVrrp1"), "a secret printed: " + push.out());
            assertEquals(streaming, psql(DB07, receiver), "the standby's replication connection was never dropped");
            assertEquals(left06, countLines(DB06, fenceLog, "(was MASTER)"), "db06 left MASTER during the rotation");
            assertEquals(took07, countLines(DB07, failoverLog, "VIP switchover"), "db07 took the VIP during the rotation");
            assertTrue(lab.sh(DB07, "cat /var/lib/postgresql/.pgpass").contains("rotated-pg_replication_password-2026"));
            // a new replication login takes the new password: the walreceiver, cut, reconnects by itself
            psql(DB06, "select pg_terminate_backend(pid) from pg_stat_replication");
            awaitHealthy(rotated);
            assertTrue(psql(DB07, receiver).endsWith(" streaming"));
            assertFalse(streaming.equals(psql(DB07, receiver)), "a new connection");
            ConfigPush.Outcome again = BootstrapRuns.push(rotated, false, Map.of(), new ArrayList<>());
            assertEquals(Stage.VERIFIED, again.stage(), again.toString());
            assertEquals(0, again.recap().totalChanged(), "the rotated passwords hold: nothing to set again");
        } finally {
            // the inventory's own secrets back, by the same road
            CliRun back = CliRun.withStdout(new PushConfigCommand(), withInventory());
            assertEquals(0, back.exit(), back.out() + back.err());
        }
        assertEquals(0, status().exit(), "healthy with the inventory's own passwords again");
    }

    @Test
    @Order(6)
    void pushConfigRefusesAValuePostgresqlRejectsBeforeAnyReloadAndPutsThePreviousFileBack() {
        String conf = "/etc/postgresql/15/main/postgresql.conf";
        String before06 = lab.sh(DB06, "sha256sum " + conf);
        String before07 = lab.sh(DB07, "sha256sum " + conf);
        CliRun push = CliRun.withStdout(new PushConfigCommand(), withInventory("-e", "pg_work_mem=banana"));
        assertEquals(3, push.exit(), push.out() + push.err());
        assertTrue((push.out() + push.err()).contains("invalid value for parameter \"work_mem\": \"banana\""), push.out() + push.err());
        assertTrue((push.out() + push.err()).contains("its previous files are back and no node was reloaded or restarted"), push.out());
        assertEquals(before06, lab.sh(DB06, "sha256sum " + conf), "db06's previous postgresql.conf is back");
        assertEquals(before07, lab.sh(DB07, "sha256sum " + conf), "db07's previous postgresql.conf is back");
        for (String h : new String[] {DB06, DB07}) {
            assertEquals("0", lab.sh(h, "ls /etc/postgresql/15/main/ | grep -c '\\.bak$' || true").strip(), h + ": a backup left behind");
            assertEquals("4MB", psql(h, "show work_mem"), h + " was reloaded");
        }

        // a pg_hba line PostgreSQL cannot parse: refused by pg_hba_file_rules, the previous file back
        String hba = "/etc/postgresql/15/main/pg_hba.conf";
        String hba06 = lab.sh(DB06, "sha256sum " + hba);
        CliRun badHba = CliRun.withStdout(new PushConfigCommand(), withInventory("-e", "pg_hba_client_method=bogus"));
        assertEquals(3, badHba.exit(), badHba.out() + badHba.err());
        assertTrue((badHba.out() + badHba.err()).matches("(?s).*pg_hba.conf line \\d+: invalid authentication method \"bogus\".*"),
                badHba.out() + badHba.err());
        assertEquals(hba06, lab.sh(DB06, "sha256sum " + hba), "db06's previous pg_hba.conf is back");
        assertEquals("0", psql(DB06, "select count(*) from pg_hba_file_rules where error is not null"), "the file in use parses");
    }

    @Test
    @Order(7)
    void aPromotedStandbyIsRefusedByBootstrapAndPushThenRewoundByRejoinForce() {
        // db07 promoted by hand (as after a failover): bootstrap must refuse with exit 2, change nothing.
        lab.sh(DB07, "su postgres -c '/usr/lib/postgresql/15/bin/pg_ctl promote -D /var/lib/postgresql/15/main -w' >/dev/null");
        Outcome o = bootstrap(false);
        assertEquals(Stage.REFUSED, o.stage());
        assertEquals(2, o.exitCode());
        assertFalse(lab.shStatus(DB07, "test -f /var/lib/postgresql/15/main/standby.signal") == 0, "preflight changed db07");
        assertEquals("f", psql(DB07, "select pg_is_in_recovery()"), "the refused node was touched");

        // two primaries now: pgha status calls it a split brain, and names the inventory's stale role
        CliRun st = status();
        assertEquals(3, st.exit(), st.out() + st.err());
        assertTrue(st.out().contains("PROBLEM  split brain: db06 (timeline 1) and db07 (timeline 2) are both primaries; writes to"
                + " any but db06 (the VIP holder) are lost to the cluster"), st.out());
        assertTrue(st.out().contains("warning  db07 is primary but the inventory says cluster_role: standby"), st.out());
        assertTrue(st.out().strip().endsWith("cluster DEGRADED (1 problem)"), st.out());

        // push-config refuses too: db07 would get a standby's files
        String before = lab.sh(DB07, "md5sum /etc/postgresql/15/main/postgresql.conf");
        ConfigPush.Outcome push = BootstrapRuns.push(inventory, false, Map.of("pg_work_mem", "16MB"), new ArrayList<>());
        assertEquals(Stage.REFUSED, push.stage());
        assertEquals(2, push.exitCode());
        assertTrue(push.refusal().contains("db07 is primary but the inventory says cluster_role: standby: push-config would treat it"
                + " as a standby"), push.refusal());
        assertEquals(before, lab.sh(DB07, "md5sum /etc/postgresql/15/main/postgresql.conf"), "a refused push changed a file");

        // rejoin: db06 holds the VIP and is the inventory's primary, so db07 is the one to rejoin; it runs as a
        // primary, so only with --force; its timeline 2 diverged from db06's 1, so pg_rewind really rewinds
        psql(DB06, "create table if not exists pgha_t(i int); insert into pgha_t values (1)");
        // db07 writes on and checkpoints until its pg_wal holds nothing from before the fork: pg_rewind must
        // then read its own WAL back from its archive (--restore-target-wal), as after any busy hour
        // (wal_keep_size 0 for this: pgha keeps 512MB by default, which would keep them)
        psql(DB07, "alter system set wal_keep_size = 0");
        psql(DB07, "select pg_reload_conf()");
        for (int i = 0; i < 3; i++) psql(DB07, "create table if not exists pgha_t2(i int); insert into pgha_t2 values (1); select pg_switch_wal(); checkpoint");
        psql(DB07, "alter system reset wal_keep_size");
        assertEquals("0", lab.sh(DB07, "ls /var/lib/postgresql/15/main/pg_wal | grep -c ^00000001 || true").strip(),
                "db07's pg_wal still holds timeline 1 segments: the rewind would not need the archive");
        Rejoin.Outcome unforced = BootstrapRuns.rejoin(inventory, new ArrayList<>());
        assertEquals(Stage.REFUSED, unforced.stage());
        assertTrue(unforced.message().startsWith("db07 still runs as a primary (split brain)"), unforced.message());
        Rejoin.Outcome forced = BootstrapRuns.rejoin(inventory, true, new ArrayList<>());
        assertEquals(Stage.VERIFIED, forced.stage(), forced.toString());
        assertEquals(Rejoin.Method.REWIND, forced.method());
        assertEquals("t", psql(DB07, "select pg_is_in_recovery()"));
        assertEquals("1", psql(DB07, "select count(*) from pgha_t"), "the rewound standby has db06's rows");
        assertEquals(0, asideCount(DB07, "/var/lib/postgresql/15/main"), "rewound in place: no data directory renamed aside");
        assertEquals(1, asideCount(DB07, "/var/lib/postgresql/pg_archive"), "its archive, holding its timeline 2, renamed aside");
    }

    @Test
    @Order(8)
    void forceReinitRenamesTheRefusedDirectoryAsideAndRebuildsTheStandby() {
        lab.sh(DB07, "su postgres -c '/usr/lib/postgresql/15/bin/pg_ctl promote -D /var/lib/postgresql/15/main -w' >/dev/null");
        int dataAside = asideCount(DB07, "/var/lib/postgresql/15/main");
        int archiveAside = asideCount(DB07, "/var/lib/postgresql/pg_archive");
        Outcome o = BootstrapRuns.run(inventory, false, true, "package, --force-reinit");
        assertEquals(Stage.VERIFIED, o.stage(), "--force-reinit did not bring db07 back as a standby: " + o);
        assertEquals("t", psql(DB07, "select pg_is_in_recovery()"));
        assertEquals(dataAside + 1, asideCount(DB07, "/var/lib/postgresql/15/main"), "the old data directory should be kept, renamed aside");
        assertEquals(archiveAside + 1, asideCount(DB07, "/var/lib/postgresql/pg_archive"),
                "the promoted node's WAL archive (its timeline 2 history) should be renamed aside too");
    }

    @Test
    @Order(9)
    void failoverDrillMeasuresTheOutageAndLosesNoAcknowledgedWrite() {
        Path report = Path.of("target", "drill-stop-postgresql.html").toAbsolutePath();
        CliRun drill = CliRun.of(new FailoverDrillCommand(), withInventory("--json", "--timeout", "120", "--report", report.toString()));
        assertEquals(0, drill.exit(), drill.out() + drill.err());
        String html = assertDoesNotThrow(() -> Files.readString(report), "--report wrote the page");
        assertTrue(html.contains("<h1>pgha failover drill: stop-postgresql on db06</h1>"), html.substring(0, Math.min(600, html.length())));
        assertTrue(html.matches("(?s).*\"nodes\":\\[\\{\"name\":\"db06\",\"role\":\\[(\"\",)*\"primary\".*"), "the trace starts with db06 primary");
        String last = drill.out().strip().substring(drill.out().strip().lastIndexOf('\n') + 1);
        System.out.println("[drill stop-postgresql] " + last); // the figures, in the test log, as DrillRuns.drill prints them
        assertTrue(last.startsWith("{\"event\":\"drill\",\"stage\":\"recovered\",\"exit_code\":0,"), last);
        assertTrue(last.contains("\"fault\":\"stop-postgresql\",\"victim\":\"db06\",\"old_primary\":\"db06\",\"timeline_before\":1,"), last);
        assertTrue(last.contains("\"timeline_after\":2,"), last);
        assertTrue(last.contains("\"acknowledged_writes_lost\":0,"), "a clean stop sends every WAL record to the standby first: " + last);
        // the after-phase started PostgreSQL on db06 again: fenced, it came back read-only, never a second primary
        assertEquals(0L, jsonLong(last, "split_brain_ms"), last);
        assertEquals("t", psql(DB06, "select pg_is_in_recovery()"), "the old primary came back writable");
        long back = Long.parseLong(last.replaceAll(".*\"writes_back_ms\":(\\d+),.*", "$1"));
        // issue 10's target for stop-postgresql with the defaults (a check every 1 s, fall 3)
        assertTrue(back > 0 && back < 10_000, "writes back after " + back + " ms");
        assertTrue(drill.out().contains("{\"event\":\"drill_step\",\"message\":\"fault on db06: PostgreSQL stopped on the primary"), drill.out());
        assertEquals("f", psql(DB07, "select pg_is_in_recovery()"), "db07 should be the new primary");
        assertEquals(0, lab.shStatus(DB07, "ip -o -4 addr show eth0 | grep -q ' " + lab.vip() + "/'"), "VIP not on db07");

        // the cluster failed over: a second drill is refused, with what is wrong
        CliRun again = CliRun.of(new FailoverDrillCommand(), withInventory());
        assertEquals(2, again.exit(), again.out() + again.err());
        assertTrue(again.err().contains("db07 is primary but the inventory says cluster_role: standby"), again.err());
        assertTrue(again.err().contains("a drill on a cluster that is not healthy measures nothing"), again.err());
    }

    @Test
    @Order(10)
    void rejoinAfterTheDrillRewindsTheOldPrimaryIntoAStandbyOfTheNewOne() throws Exception {
        // the inventory still names db06: refused, with the lines to change
        CliRun stale = CliRun.of(new RejoinCommand(), withInventory());
        assertEquals(2, stale.exit(), stale.out() + stale.err());
        Rejoin.Outcome refused = BootstrapRuns.rejoin(inventory, new ArrayList<>());
        assertEquals(Stage.REFUSED, refused.stage());
        assertTrue(refused.message().startsWith("db07 is the primary now, but the inventory says db06 is: rejoin follows the"
                + " inventory, so set cluster_role: primary for db07 ("), refused.message());
        assertTrue(refused.message().contains("host_vars/db07.yml:2:1)"), refused.message());
        assertTrue(refused.message().contains("pgha rejoin --follow-cluster"), refused.message());

        // --follow-cluster on a copy that still says db06: in check mode the edits are shown, not written;
        // then written (comments and layout kept) and the rejoin runs on the rewritten inventory
        Path following = BootstrapRuns.copy(inventory, "lab-follow");
        String db07Before = Files.readString(following.resolve("host_vars/db07.yml"));
        List<String> shown = new ArrayList<>();
        Rejoin.Outcome checked = BootstrapRuns.rejoinFollowingTheCluster(following, true, shown);
        assertEquals(Stage.CHECKED, checked.stage(), checked.toString());
        assertEquals(2, shown.size(), shown.toString());
        assertTrue(shown.get(0).startsWith("inventory (check mode, not written): ") && shown.get(0).contains("host_vars/db06.yml:2:1")
                && shown.get(0).contains("- cluster_role: primary") && shown.get(0).contains("+ cluster_role: standby"), shown.toString());
        assertEquals(db07Before, Files.readString(following.resolve("host_vars/db07.yml")), "check mode wrote nothing");
        assertEquals("t", psql(DB06, "select pg_is_in_recovery()"), "check mode rejoined nothing: db06 is still the fenced old primary");

        List<String> said = new ArrayList<>();
        Rejoin.Outcome o = BootstrapRuns.rejoinFollowingTheCluster(following, false, said);
        assertEquals(Stage.VERIFIED, o.stage(), o.toString());
        assertEquals(List.of(DB06), o.nodes());
        assertEquals(Rejoin.Method.REWIND, o.method());
        assertEquals(3, said.size(), said.toString());
        assertTrue(said.get(0).startsWith("inventory: ") && said.get(1).startsWith("inventory: "), said.toString());
        assertEquals("rejoining db06 as standby of db07 by pg_rewind (a fresh base backup if it fails)", said.get(2));
        assertEquals(db07Before.replace("cluster_role: standby", "cluster_role: primary"),
                Files.readString(following.resolve("host_vars/db07.yml")), "only the role's value changed");
        assertTrue(Files.readString(following.resolve("host_vars/db06.yml")).contains("cluster_role: standby"));
        Path swapped = BootstrapRuns.swappedRoles(inventory, "lab-swapped");
        assertEquals("t", psql(DB06, "select pg_is_in_recovery()"));
        assertEquals(0, asideCount(DB06, "/var/lib/postgresql/15/main"), "rewound in place: no data directory renamed aside for a base backup");
        CliRun st = CliRun.of(new StatusCommand(), "-i", swapped.toString());
        assertEquals(0, st.exit(), st.out());
        assertTrue(st.out().contains("healthy: db07 is primary and holds the VIP; every standby streams"), st.out());

        // again: nothing to do
        Rejoin.Outcome again = BootstrapRuns.rejoin(swapped, new ArrayList<>());
        assertEquals(Stage.NOTHING_TO_DO, again.stage(), again.toString());
    }

    @Test
    @Order(11)
    void stopKeepalivedFencesTheOldPrimaryAndWritesComeBackInSeconds() throws Exception {
        // db07 is primary since the rejoin: the swapped inventory says so
        Path swapped = BootstrapRuns.swappedRoles(inventory, "lab-swapped");
        String last = drill(swapped, "stop-keepalived", "--timeout", "30", "--after", "15");
        assertRecovered(last);
        assertNoSplitBrainNoLoss(last);
        assertTrue(jsonLong(last, "writes_back_ms") < 10_000, "writes back after " + jsonLong(last, "writes_back_ms") + " ms: " + last);
        assertEquals("f", psql(DB06, "select pg_is_in_recovery()"), "db06 should be primary again");
        assertEquals("t", psql(DB07, "select pg_is_in_recovery()"), "db07 was fenced: read-only");
        assertTrue(lab.sh(DB07, "cat /var/lib/pgha/fenced").contains("keepalived went STOP while this node was primary"));
    }

    @Test
    @Order(12)
    void aPartitionWithClientsOnBothSidesNeverMakesTwoPrimaries() {
        awaitHealthy(inventory);
        int before = Integer.parseInt(lab.sh(DB07, "cat /etc/keepalived/log/pg_failover.log 2>/dev/null | wc -l").strip());
        String last = drill(inventory, "partition", "--timeout", "30", "--after", "15");
        assertNoSplitBrainNoLoss(last);
        assertTrue(jsonLong(last, "direct_writes_acknowledged") > 0, "the client on db06's own address wrote on: " + last);
        assertEquals("f", psql(DB06, "select pg_is_in_recovery()"), "db06 stays the primary: its standby cannot tell it is alive");
        // what must hold: db07's guard refused because db06 may live, whichever it saw first (silence it cannot tell
        // from a cut link, or db06 still answering as a primary before the cut took, until the wait ran out)
        String log = lab.sh(DB07, "tail -n +" + (before + 1) + " /etc/keepalived/log/pg_failover.log");   // this drill's lines
        assertTrue(log.contains("failover not allow!"), "db07's guard never refused: " + log);
        assertFalse(log.contains("promote standby success"), "db07 promoted: " + log);
        assertTrue(log.contains("a dead peer and a cut link look the same from here") || log.contains("is still a running primary")
                || log.contains("answers as a primary again"), "db07's guard refused for another reason than db06 maybe living: " + log);
    }

    @Test
    @Order(13)
    void theStandbysHostDownLeavesThePrimaryServingWithoutAGap() {
        awaitHealthy(inventory);
        String last = drill(inventory, "standby-down", "--timeout", "20", "--after", "30");
        assertRecovered(last);
        assertEquals(0L, jsonLong(last, "split_brain_ms"), last);
        assertTrue(jsonLong(last, "max_write_gap_ms") < 2_000, "fencing overreached: " + last);
        assertEquals("f", psql(DB06, "select pg_is_in_recovery()"));
    }

    @Test
    @Order(14)
    void thePrimarysHostDownWithoutAWitnessIsUnavailableNotSplitThenServesAgainAfterTheBoot() {
        awaitHealthy(inventory);
        String last = drill(inventory, "host-down", "--timeout", "20", "--after", "45");
        assertNoSplitBrainNoLoss(last);
        assertTrue(last.contains("\"stage\":\"recovered\",\"exit_code\":0,"), "writes came back once db06 booted: " + last);
        assertTrue(lab.sh(DB07, "cat /etc/keepalived/log/pg_failover.log").contains("a dead peer and a cut link look the same from here"),
                "db07 refused to promote without evidence: " + last);
    }

    @Test
    @Order(14)
    void aDrillWhoseWritesAreNotBackWhenItEndsFailsWithExit3() {
        // host-down without a witness, watched only 1 s after the power comes back: the boot takes longer
        awaitHealthy(inventory);
        CliRun run = DrillRuns.drillRun(inventory, "host-down", "--timeout", "10", "--after", "1");
        assertEquals(3, run.exit(), run.out() + run.err());
        String last = DrillRuns.lastLine(run);
        assertTrue(last.startsWith("{\"event\":\"drill\",\"stage\":\"not_recovered\",\"exit_code\":3,"), last);
        assertEquals(0L, jsonLong(last, "split_brain_ms"), last);
    }

    @Test
    @Order(15)
    void aKilledPostmasterRestartsInPlaceAndASecondCrashWithinTheWindowIsFailedOverComingBackReadOnly() {
        awaitHealthy(inventory);
        // the first crash: restarted in place (pg_crash_restart_timeout), no failover, nothing lost
        String first = drill(inventory, "kill-postgresql", "--timeout", "60", "--after", "5");
        assertRecovered(first);
        assertNoSplitBrainNoLoss(first);
        assertTrue(first.contains("\"promoted_ms\":null"), "restarted in place, not failed over: " + first);
        assertEquals(jsonLong(first, "timeline_before"), jsonLong(first, "timeline_after"), first);
        assertTrue(jsonLong(first, "writes_back_ms") < 10_000, "issue 10's target for kill-postgresql: " + first);
        assertEquals("f", psql(DB06, "select pg_is_in_recovery()"), "db06 is still the primary");
        assertEquals("t", psql(DB07, "select pg_is_in_recovery()"), "db07 is still its standby");
        assertTrue(lab.sh(DB06, "cat /etc/keepalived/log/pg_monitor.log").contains("restarting postgresql@15-main in place"));
        // a second crash within pg_crash_restart_window (a crash loop): failed over
        awaitHealthy(inventory);
        // (asynchronous: the commits acknowledged as the postmaster died may not have left db06)
        String last = drill(inventory, "kill-postgresql", "--timeout", "90", "--after", "20");
        assertRecovered(last);
        assertNoSplitBrainAtMostTheInFlightCommitsLost(last);
        assertTrue(jsonLong(last, "writes_back_ms") < 10_000, "issue 10's target for kill-postgresql: " + last);
        assertTrue(jsonLong(last, "promoted_ms") > 0, last);
        assertEquals("f", psql(DB07, "select pg_is_in_recovery()"), "db07 took over");
        assertEquals("t", psql(DB06, "select pg_is_in_recovery()"), "db06 was started again: read-only");
        assertTrue(lab.sh(DB06, "cat /var/lib/pgha/fenced").contains("keepalived went FAULT while this node was primary"));
    }

    @Test
    @Order(16)
    void anIsolatedPrimaryWithoutAWitnessFencesItselfAndTheClusterHealsToOnePrimaryAfterTheReconnect() throws Exception {
        // db07 is primary since the kill; db06 came back as its standby
        Path swapped = BootstrapRuns.swappedRoles(inventory, "lab-swapped");
        awaitHealthy(swapped);
        String fenceLog = "/etc/keepalived/log/pg_fence.log";
        String fencedWhileCutOff = "FENCED: keepalived went FAULT while this node was primary";
        // PostgreSQL's own line when the walsender gives up on the cut-off standby (pg_wal_sender_timeout):
        // it ends the fenced shutdown's wait, so db07 is up read-only long before the heal
        String pgLogs = "/var/lib/postgresql/pg_log/*.log", senderGaveUp = "terminating walsender process due to replication timeout";
        int fencesBefore = countLines(DB07, fenceLog, fencedWhileCutOff);
        int gaveUpBefore = countLines(DB07, pgLogs, senderGaveUp);
        String last = drill(swapped, "isolate", "--timeout", "30", "--after", "75");
        assertNoSplitBrainNoLoss(last);
        assertTrue(last.contains("\"stage\":\"recovered\",\"exit_code\":0,"), "writes came back after the heal: " + last);
        assertTrue(jsonLong(last, "writes_back_ms") > jsonLong(last, "healed_ms"),
                "without a witness nothing may take over while db07 is cut off: " + last);
        assertEquals(fencesBefore + 1, countLines(DB07, fenceLog, fencedWhileCutOff), "db07 fenced itself when its interface went away");
        assertTrue(countLines(DB07, pgLogs, senderGaveUp) > gaveUpBefore,
                "its fast shutdown waited for the cut-off standby only wal_sender_timeout (pg_wal_sender_timeout)");
        // After the heal either node may win the election, and both outcomes are safe: db06 promotes on the
        // evidence of db07's fence, or db07 (it has all the WAL) is promoted again while db06 answers as a
        // standby. One primary, the other streaming from it, with nobody acting.
        String db06 = psql(DB06, "select pg_is_in_recovery()");
        String db07 = psql(DB07, "select pg_is_in_recovery()");
        assertTrue(db06.equals("t") != db07.equals("t"), "exactly one primary after the heal: db06 " + db06 + ", db07 " + db07);
        if (db07.equals("f")) {
            awaitHealthy(swapped);
            // the next cases need db06 primary and db07 fenced, as when db06 won: stop db07's keepalived
            String handOver = drill(swapped, "stop-keepalived", "--timeout", "30", "--after", "15");
            assertRecovered(handOver);
            assertNoSplitBrainNoLoss(handOver);
        }
        assertEquals("f", psql(DB06, "select pg_is_in_recovery()"), "db06 is the primary for the next cases");
        assertEquals(0, lab.shStatus(DB07, "test -e /var/lib/pgha/fenced"), "db07 is fenced for the next cases");
    }

    /** How many lines of the files (a shell glob) on the host hold the text (0 when there is no such file). */
    private static int countLines(String host, String files, String text) {
        String n = lab.sh(host, "cat " + files + " 2>/dev/null | grep -cF '" + text + "' || true").strip();
        return n.isEmpty() ? 0 : Integer.parseInt(n);
    }

    @Test
    @Order(17)
    void rejoinFallsBackToABaseBackupWhenPgRewindCannotConnect() {
        // db06 is primary and db07 fenced after the isolation drill: the original inventory holds again
        assertEquals("f", psql(DB06, "select pg_is_in_recovery()"), "db06 is the primary after the isolation drill");
        String hba = "/etc/postgresql/15/main/pg_hba.conf";
        // pg_rewind's superuser connection refused by the new primary (replication connections are not
        // matched by "all"): the rewind fails every time, and the rejoin must take a base backup instead
        lab.sh(DB06, "sed -i '1i host all postgres 0.0.0.0/0 reject' " + hba);
        assertEquals("t", psql(DB06, "select pg_reload_conf()"));
        int before = asideCount(DB07, "/var/lib/postgresql/15/main");

        List<String> said = new ArrayList<>();
        Rejoin.Outcome o = BootstrapRuns.rejoin(inventory, said);
        assertEquals(Stage.VERIFIED, o.stage(), o.toString());
        assertEquals(List.of(DB07), o.nodes());
        assertEquals(Rejoin.Method.REWIND, o.method(), "AUTO asks for pg_rewind when a superuser password is given");
        assertEquals(before + 1, asideCount(DB07, "/var/lib/postgresql/15/main"),
                "pg_rewind failed, so the data directory was renamed aside for a fresh base backup");
        assertEquals("t", psql(DB07, "select pg_is_in_recovery()"));
        assertEquals("streaming", psql(DB07, "select status from pg_stat_wal_receiver"));
        // the rejoin's bootstrap put the rendered pg_hba.conf back on the primary
        assertEquals(1, lab.shStatus(DB06, "grep -q '^host all postgres 0.0.0.0/0 reject' " + hba), "pg_hba.conf rendered again");
        CliRun st = CliRun.of(new StatusCommand(), "-i", inventory.toString());
        assertEquals(0, st.exit(), st.out());
    }

    @Test
    @Order(18)
    void twoSwitchoversWithAWriterLoseNothingPauseBrieflyAndGiveBackTheRoles() throws Exception {
        // a copy: the switchover rewrites the inventory's cluster_role lines. withStdout: switchover and
        // maintenance print their playbook run, and then their report, to the process's stdout
        Path copy = BootstrapRuns.copy(inventory, "lab-switchover");
        awaitHealthy(copy);
        CliRun dry = CliRun.withStdout(new SwitchoverCommand(), "-i", copy.toString(), "--check");
        assertEquals(0, dry.exit(), dry.out() + dry.err());
        assertTrue(dry.out().contains("- cluster_role: primary") && dry.out().contains("+ cluster_role: standby"), dry.out());
        assertEquals("f", psql(DB06, "select pg_is_in_recovery()"), "check mode changed nothing");

        String[][] swaps = {{DB06, DB07}, {DB07, DB06}};
        for (String[] swap : swaps) {
            CliRun run = CliRun.withStdout(new SwitchoverCommand(), "-i", copy.toString(), "--json");
            System.out.println(run.out());
            assertEquals(0, run.exit(), run.out() + run.err());
            String last = DrillRuns.lastLine(run);
            assertTrue(last.contains("\"stage\":\"verified\"") && last.contains("\"from\":\"" + swap[0] + "\",\"to\":\"" + swap[1] + "\""), last);
            assertEquals(0L, jsonLong(last, "acknowledged_writes_lost"), last);
            assertTrue(jsonLong(last, "max_pause_ms") < 3_000, "the pause through the VIP: " + last);
            assertEquals("f", psql(swap[1], "select pg_is_in_recovery()"));
            assertEquals("streaming", psql(swap[0], "select status from pg_stat_wal_receiver"), swap[0] + " follows without a rewind");
            assertEquals(0, lab.shStatus(swap[0], "test ! -e /var/lib/pgha/fenced"), "a planned handover leaves no fence mark");
            assertTrue(Files.readString(copy.resolve("host_vars/" + swap[1] + ".yml")).contains("cluster_role: primary"));
            assertTrue(Files.readString(copy.resolve("host_vars/" + swap[0] + ".yml")).contains("cluster_role: standby"));
        }
        CliRun st = CliRun.of(new StatusCommand(), "-i", copy.toString());
        assertEquals(0, st.exit(), st.out());
        assertTrue(st.out().contains("healthy: db06 is primary and holds the VIP"), st.out());
    }

    @Test
    @Order(19)
    void aRestartOfThePrimaryGoesThroughASwitchoverWhenAskedAndALoweredMinimumIsRefused() throws Exception {
        Path copy = BootstrapRuns.copy(inventory, "lab-push-switchover");
        awaitHealthy(copy);
        String conf = "/etc/postgresql/15/main/postgresql.conf";
        String started06 = psql(DB06, "select pg_postmaster_start_time()");

        // check mode: the plan says a switchover, nothing changes
        CliRun dry = CliRun.withStdout(new PushConfigCommand(), "-i", copy.toString(), "--check", "--primary-update", "switchover",
                "-e", "pg_max_connections=1100");
        assertEquals(0, dry.exit(), dry.out() + dry.err());
        assertTrue(dry.out().contains("restart: db07, then a switchover instead of db06's restart"), dry.out());
        assertTrue(lab.sh(DB06, "grep '^max_connections' " + conf).contains("1024"), "check mode wrote postgresql.conf");

        CliRun run = CliRun.withStdout(new PushConfigCommand(), "-i", copy.toString(), "--primary-update", "switchover",
                "-e", "pg_max_connections=1100", "--json");
        System.out.println(run.out());
        assertEquals(0, run.exit(), run.out() + run.err());
        String last = DrillRuns.lastLine(run);
        assertTrue(last.contains("\"stage\":\"verified\"") && last.contains("\"from\":\"db06\",\"to\":\"db07\""), last);
        assertEquals(0L, jsonLong(last, "acknowledged_writes_lost"), last);
        assertTrue(jsonLong(last, "max_pause_ms") < 3_000, "the pause through the VIP: " + last);
        assertEquals("f", psql(DB07, "select pg_is_in_recovery()"), "db07 took over");
        for (String h : new String[] {DB06, DB07}) {
            assertEquals("1100", psql(h, "show max_connections"), h);
            assertEquals("0", psql(h, "select count(*) from pg_settings where pending_restart"), h);
        }
        assertFalse(started06.equals(psql(DB06, "select pg_postmaster_start_time()")), "db06 restarted, as a standby");
        assertEquals("streaming", psql(DB06, "select status from pg_stat_wal_receiver"), "db06 follows db07");
        assertTrue(Files.readString(copy.resolve("host_vars/db07.yml")).contains("cluster_role: primary"));

        // lowering a hot-standby minimum cannot go through a switchover: refused before anything changes
        String started07 = psql(DB07, "select pg_postmaster_start_time()");
        CliRun lowered = CliRun.withStdout(new PushConfigCommand(), "-i", copy.toString(), "--primary-update", "switchover");
        assertEquals(2, lowered.exit(), lowered.out() + lowered.err());
        assertTrue(lowered.err().contains("max_connections 1100 -> 1024 on db06") && lowered.err().contains("cannot run with less"
                + " than its primary"), lowered.err());
        assertTrue(lab.sh(DB07, "grep '^max_connections' " + conf).contains("1100"), "the refused push wrote postgresql.conf");
        assertEquals(started07, psql(DB07, "select pg_postmaster_start_time()"), "the refused push restarted db07");

        // back: in place (the primary db07 first, as it goes down), then the roles given back
        ConfigPush.Outcome back = BootstrapRuns.push(copy, false, Map.of(), new ArrayList<>());
        assertEquals(Stage.VERIFIED, back.stage(), back.toString());
        CliRun swap = CliRun.withStdout(new SwitchoverCommand(), "-i", copy.toString());
        assertEquals(0, swap.exit(), swap.out() + swap.err());
        assertEquals("f", psql(DB06, "select pg_is_in_recovery()"));
        assertEquals("1024", psql(DB06, "show max_connections"));
    }

    @Test
    @Order(20)
    void maintenanceHidesAStoppedPostgresqlFromKeepalivedRefusesADrillAndOffRestoresTheChecks() {
        awaitHealthy(inventory);
        CliRun on = CliRun.withStdout(new MaintenanceCommand(), "on", "-i", inventory.toString(), "--reason", "kernel update");
        assertEquals(0, on.exit(), on.out() + on.err());
        assertTrue(on.out().contains("warning  maintenance mode on db06 since ") && on.out().contains(" kernel update: no automatic failover"), on.out());
        CliRun drill = DrillRuns.drillRun(inventory, "stop-postgresql");
        assertEquals(2, drill.exit(), drill.out() + drill.err());
        assertTrue((drill.out() + drill.err()).contains("db07 is in maintenance since "), drill.out() + drill.err());

        String monitorLog = "/etc/keepalived/log/pg_monitor.log";
        lab.sh(DB06, "systemctl stop postgresql@15-main");
        try {
            // the real health check, run by hand as keepalived runs it: a stopped PostgreSQL is logged, not reported.
            // Its lines are read from where the log stood before it ran: keepalived's own runs (every second) write
            // there too, and one of theirs can land between this run's last line and a read of the log's tail.
            int before = Integer.parseInt(lab.sh(DB06, "wc -l < " + monitorLog).strip());
            assertEquals(0, lab.shStatus(DB06, "/etc/keepalived/pg_monitor.sh"), lab.sh(DB06, "tail -3 " + monitorLog));
            String since = lab.sh(DB06, "tail -n +" + (before + 1) + " " + monitorLog);
            assertTrue(since.contains("not reported to keepalived"), since);
            CliRun off = CliRun.withStdout(new MaintenanceCommand(), "off", "-i", inventory.toString());
            assertEquals(0, off.exit(), off.out() + off.err());
            assertEquals(1, lab.shStatus(DB06, "/etc/keepalived/pg_monitor.sh"), "off: the failure counts again");
            // and keepalived acts on it: PostgreSQL still stopped, db07 takes over (waited for, not raced: the
            // failover may come before or after the line above, however busy the machine is)
            awaitStatus(inventory, st -> st.contains("\"primary\":\"db07\""));
        } finally {
            lab.sh(DB06, "systemctl start postgresql@15-main");
        }
        assertEquals(0, lab.shStatus(DB06, "test ! -e /var/lib/pgha/maintenance"), "off removed the mark");
        assertEquals("t", psql(DB06, "select pg_is_in_recovery()"), "db06 started again read-only: db07 is the primary");
        assertEquals("f", psql(DB07, "select pg_is_in_recovery()"));
    }

    /** How many copies of path were renamed aside (path.pgha-old-TIME) on the host. */
    private static int asideCount(String host, String path) {
        return Integer.parseInt(lab.sh(host, "ls -d " + path + ".pgha-old-* 2>/dev/null | wc -l").strip());
    }

    private static String psql(String host, String sql) { return DrillRuns.psql(lab, host, sql); }
}
