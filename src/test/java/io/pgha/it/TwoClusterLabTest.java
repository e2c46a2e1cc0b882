package io.pgha.it;

import io.pgha.cli.BootstrapCommand;
import io.pgha.cli.CliRun;
import io.pgha.cli.PushConfigCommand;
import io.pgha.cli.StatusCommand;
import io.pgha.cli.SwitchoverCommand;
import io.pgha.testing.LabFixture;
import io.pgha.testing.NodeLogsOnFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two clusters from one controller (issue 12, item 4): the lab's four nodes as pair1 (db06, db07) and
 * pair2 (db08, db09) in one inventory, bootstrapped and verified in one run, read by status, pushed to by
 * push-config, and a one-cluster verb refused until --limit chooses.
 */
@Tag("lab")
@ExtendWith(NodeLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoClusterLabTest {
    static LabFixture lab;
    static String inventory;

    @BeforeAll
    static void fourBareNodes() {
        lab = LabFixture.get();
        lab.freshNodes(2);
        inventory = lab.twoClusterInventory().toString();
    }

    @AfterAll
    static void backToTheUsualLab() {
        if (lab != null) lab.freshNodes();
    }

    static String psql(String node, String sql) {
        return lab.sh(node, "su postgres -c \"psql -X -At -p 54321 -c '" + sql + "'\"").strip();
    }

    @Test
    @Order(1)
    void bothClustersBootstrapAndVerifyInOneRun() {
        long t0 = System.nanoTime();
        CliRun r = CliRun.withStdout(new BootstrapCommand(), "-i", inventory);
        System.out.printf("bootstrap of two clusters took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("PLAY preflight  [db06, db07, db08, db09]"), "one run on the four nodes");
        int first = r.out().indexOf("  cluster pair1\n"), second = r.out().indexOf("  cluster pair2\n");
        assertTrue(first > 0 && second > first, "each cluster verified on its own:\n" + r.out());
        assertTrue(r.out().contains("VIP " + lab.config().secondVip() + " is on db08 (the primary) only"), r.out());
        assertTrue(r.out().endsWith("replication verified\n"), r.out());
        // each standby follows its own cluster's primary, each VIP is on its own primary
        assertEquals("f", psql("db08", "select pg_is_in_recovery()"));
        assertEquals("t", psql("db09", "select pg_is_in_recovery()"));
        assertTrue(psql("db09", "select conninfo from pg_stat_wal_receiver").contains("host=" + lab.config().withClusters(2).node("db08").address()));
        assertTrue(lab.sh("db08", "ip -4 -o addr show dev eth0").contains(" " + lab.config().secondVip() + "/24 "));
        assertFalse(lab.sh("db06", "ip -4 -o addr show dev eth0").contains(" " + lab.config().secondVip() + "/"));
    }

    @Test
    @Order(2)
    void statusReadsEachClusterAndLimitChoosesOne() {
        CliRun all = CliRun.of(new StatusCommand(), "-i", inventory, "--json");
        assertEquals(0, all.exit(), all.out() + all.err());
        List<String> lines = all.out().lines().toList();
        assertEquals(2, lines.size(), all.out());
        assertTrue(lines.get(0).contains("\"cluster\":\"pair1\"") && lines.get(0).contains("\"primary\":\"db06\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"cluster\":\"pair2\"") && lines.get(1).contains("\"primary\":\"db08\""), lines.get(1));
        assertTrue(lines.stream().allMatch(l -> l.contains("\"healthy\":true")), all.out());

        CliRun one = CliRun.of(new StatusCommand(), "-i", inventory, "--limit", "pair2");
        assertEquals(0, one.exit(), one.out() + one.err());
        assertTrue(one.out().contains("db08") && one.out().contains("db09") && !one.out().contains("db06"), one.out());
    }

    @Test
    @Order(3)
    void pushConfigGoesClusterByCluster() {
        CliRun r = CliRun.withStdout(new PushConfigCommand(), "-i", inventory, "-e", "pg_work_mem=6MB");
        assertEquals(0, r.exit(), r.err());
        int first = r.out().indexOf("CLUSTER pair1"), second = r.out().indexOf("CLUSTER pair2");
        assertTrue(first >= 0 && second > first, r.out());
        for (String node : List.of("db06", "db07", "db08", "db09")) assertEquals("6MB", psql(node, "show work_mem"), node);
    }

    @Test
    @Order(4)
    void aOneClusterVerbRefusesBothUntilLimitChooses() {
        CliRun refused = CliRun.pgha("switchover", "-i", inventory);
        assertEquals(2, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("this inventory holds 2 clusters: pair1 (db06, db07), pair2 (db08, db09)"), refused.err());
        assertEquals("f", psql("db08", "select pg_is_in_recovery()"), "nothing changed");

        CliRun check = CliRun.withStdout(new SwitchoverCommand(), "-i", inventory, "--limit", "pair2", "--check");
        assertEquals(0, check.exit(), check.out() + check.err());
        assertTrue(check.out().contains("would hand db08's writes and the VIP to db09"), check.out());
        assertTrue(check.out().contains("hosts.yml:21:15\n  - cluster_role: standby\n  + cluster_role: primary"), "db09's line in pair2's block:\n" + check.out());
        assertEquals("f", psql("db08", "select pg_is_in_recovery()"), "check mode changes nothing");
    }
}
