package io.pgha.it;

import io.pgha.ops.Stage;
import io.pgha.ops.bootstrap.Bootstrap.Outcome;
import io.pgha.testing.LabFixture;
import io.pgha.testing.NodeLogsOnFailure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.ArrayList;

import static io.pgha.it.DrillRuns.assertNoSplitBrainAtMostTheInFlightCommitsLost;
import static io.pgha.it.DrillRuns.assertNoSplitBrainNoLoss;
import static io.pgha.it.DrillRuns.assertRecovered;
import static io.pgha.it.DrillRuns.awaitHealthy;
import static io.pgha.it.DrillRuns.drill;
import static io.pgha.it.DrillRuns.jsonLong;
import static io.pgha.testing.LabFixture.DB06;
import static io.pgha.testing.LabFixture.DB07;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes without a witness, each with a power controller (the lab's BMCs, the real fence_ipmilan): the inventory
 * .lab/NAME/power-fencing. A dead or cut-off primary's host is failed over once its power is proved off; a partition
 * leaves the primary its writes (it shoots its standby first); a controller that does not answer fences nothing and
 * nothing is promoted. Each case ends with its after-phase (the old node back) and 0 s of two writable primaries.
 */
@Tag("lab")
@ExtendWith(NodeLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PowerFencingLabTest {
    private static final String FAILOVER_LOG = "/etc/keepalived/log/pg_failover.log";
    static LabFixture lab;
    static Path inventory;

    @BeforeAll
    static void bareNodesWithPowerControllers() {
        lab = LabFixture.get();
        lab.freshNodes();
        inventory = lab.fencingInventory().getParent();
    }

    @Test
    @Order(1)
    void bootstrapGivesEachNodeItsPeersControllerAndTheAgent() {
        Outcome o = BootstrapRuns.run(inventory, false, "package, power fencing");
        assertEquals(Stage.VERIFIED, o.stage(), "bootstrap did not verify: " + o);
        for (String h : new String[] {DB06, DB07}) {
            assertEquals("600 root", lab.sh(h, "stat -c '%a %U' /etc/keepalived/pg_fence_peer.conf").strip(), h);
            // the peer's controller answers the node's agent, its password read from the 0600 file on standard input
            assertEquals(0, lab.shStatus(h, "{ cat /etc/keepalived/pg_fence_peer.conf; echo action=status; } | fence_ipmilan"), h);
        }
    }

    @Test
    @Order(2)
    void thePrimarysHostDownIsFailedOverOnceItsControllerSaysOff() {
        awaitHealthy(inventory);
        String last = drill(inventory, "host-down", "--timeout", "30", "--after", "30");
        assertRecovered(last);
        assertNoSplitBrainAtMostTheInFlightCommitsLost(last);
        assertTrue(jsonLong(last, "promoted_ms") < jsonLong(last, "healed_ms"), "db07 took over while db06 was down: " + last);
        assertTrue(jsonLong(last, "writes_back_ms") < 10_000, "writes back after " + jsonLong(last, "writes_back_ms") + " ms: " + last);
        String log = lab.sh(DB07, "cat " + FAILOVER_LOG);
        assertTrue(log.contains("the peer's power controller says its power is off"), log);
        assertEquals("f", psql(DB07, "select pg_is_in_recovery()"));
        assertEquals("t", psqlOnceUp(DB06, "select pg_is_in_recovery()"), "db06 booted read-only: db07 is primary");
    }

    @Test
    @Order(3)
    void anIsolatedPrimaryIsShotThroughItsControllerBeforeTheStandbyPromotes() throws Exception {
        Path swapped = rejoined("lab-fencing-swapped");
        int before = lines(DB06, FAILOVER_LOG);
        String last = drill(swapped, "isolate", "--timeout", "40", "--after", "20");
        assertRecovered(last);
        assertNoSplitBrainAtMostTheInFlightCommitsLost(last);
        assertTrue(jsonLong(last, "writes_back_ms") < jsonLong(last, "healed_ms"), "db06 took over while db07 was cut off: " + last);
        assertTrue(jsonLong(last, "writes_back_ms") < 20_000, "writes back after " + jsonLong(last, "writes_back_ms") + " ms: " + last);
        String log = since(DB06, FAILOVER_LOG, before);
        // the order the node's log shows: the shot, its proof, then the promotion
        int shot = log.indexOf("FENCING the peer"), proved = log.indexOf("and its status says off"), promoted = log.indexOf("promote standby success");
        assertTrue(shot >= 0 && shot < proved && proved < promoted, "not shot, proved off, then promoted: " + log);
        // powered on again by db06 after the promotion, db07 may still be booting when the drill ends
        assertEquals("t", psqlOnceUp(DB07, "select pg_is_in_recovery()"), "db07 stays read-only after the heal");
    }

    @Test
    @Order(4)
    void aPartitionLeavesThePrimaryItsWritesItShootsItsStandbyOnceAndNothingShootsBack() throws Exception {
        // db06 is primary since the isolation
        Path fresh = rejoined("lab-fencing-partition");
        int shots = lines(DB06, "/etc/keepalived/log/pg_monitor.log", "FENCING the standby");
        String last = drill(fresh, "partition", "--timeout", "30", "--after", "20");
        assertNoSplitBrainNoLoss(last);
        assertTrue(jsonLong(last, "direct_writes_acknowledged") > 0, "the client on db06's own address wrote on: " + last);
        assertEquals("f", psql(DB06, "select pg_is_in_recovery()"), "db06 kept its writes");
        assertTrue(lines(DB06, "/etc/keepalived/log/pg_monitor.log", "FENCING the standby") - shots <= 1, "the standby was shot more than once");
        assertFalse(lab.sh(DB07, "cat " + FAILOVER_LOG).contains("FENCING the peer"), "the standby shot back");
    }

    @Test
    @Order(5)
    void aControllerThatDoesNotAnswerFencesNothingAndNothingIsPromoted() throws Exception {
        Path fresh = rejoined("lab-fencing-dead-controller");
        lab.bmc(DB06, false);
        try {
            String last = drill(fresh, "host-down", "--timeout", "25", "--after", "30");
            assertNoSplitBrainNoLoss(last);
            assertTrue(last.contains("\"promoted_ms\":null"), "promoted without proof: " + last);
            assertTrue(lab.sh(DB07, "cat " + FAILOVER_LOG).contains("the peer's power controller does not answer"), "db07 says why");
        } finally {
            lab.bmc(DB06, true);
        }
    }

    /** The old primary rejoined (the inventory following the cluster, in a copy), the cluster healthy again. */
    private static Path rejoined(String copy) throws Exception {
        Path inv = BootstrapRuns.copy(inventory, copy);
        BootstrapRuns.rejoinFollowingTheCluster(inv, false, new ArrayList<>());
        awaitHealthy(inv);
        return inv;
    }

    private static int lines(String host, String file) {
        return Integer.parseInt(lab.sh(host, "cat " + file + " 2>/dev/null | wc -l").strip());
    }

    private static int lines(String host, String file, String text) {
        return Integer.parseInt(lab.sh(host, "grep -c '" + text + "' " + file + " 2>/dev/null || true").strip().replaceAll("^$", "0"));
    }

    private static String since(String host, String file, int line) {
        return lab.sh(host, "tail -n +" + (line + 1) + " " + file);
    }

    private static String psql(String host, String sql) { return DrillRuns.psql(lab, host, sql); }

    /** psql once the node's PostgreSQL answers (a node powered on again boots first), up to a minute. */
    private static String psqlOnceUp(String host, String sql) {
        for (int i = 0; i < 120 && lab.shStatus(host, "su postgres -c \"psql -X -At -p 54321 -c 'select 1'\" >/dev/null 2>&1") != 0; i++) {
            BootstrapRuns.pause(500);
        }
        return psql(host, sql);
    }
}
