package io.pgha.it;

import io.pgha.ops.Stage;
import io.pgha.ops.bootstrap.Bootstrap.Outcome;
import io.pgha.ops.rejoin.Rejoin;
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

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;

import static io.pgha.it.DrillRuns.assertNoSplitBrainAtMostTheInFlightCommitsLost;
import static io.pgha.it.DrillRuns.assertNoSplitBrainNoLoss;
import static io.pgha.it.DrillRuns.assertRecovered;
import static io.pgha.it.DrillRuns.awaitHealthy;
import static io.pgha.it.DrillRuns.awaitStatus;
import static io.pgha.it.DrillRuns.drill;
import static io.pgha.it.DrillRuns.jsonLong;
import static io.pgha.testing.LabFixture.DB06;
import static io.pgha.testing.LabFixture.DB07;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster with the lab's witness (a third node with PostgreSQL holding the lease): the faults two
 * nodes alone cannot fail over (the primary's host lost, the primary cut off) fail over, a partition
 * between the nodes still does not, and the witness's own outage takes nothing down. Then the same two
 * faults with pg_replication_mode sync: no acknowledged write lost.
 */
@Tag("lab")
@ExtendWith(NodeLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WitnessLabTest {
    private static final String WITNESS = "witness";
    private static final String SYNC = "\"replication\":{\"state\":\"sync\"";
    static LabFixture lab;
    static Path inventory;

    @BeforeAll
    static void bareNodesAndAWitness() {
        lab = LabFixture.get();
        lab.freshNodes();
        lab.witnessUp();
        inventory = lab.inventory().getParent();
    }

    @AfterAll
    static void withoutTheWitness() {
        if (lab != null) lab.witnessDown();
    }

    @Test
    @Order(1)
    void bootstrapStartsTheLeaseKeepersAndThePrimaryHoldsTheLease() {
        Outcome o = BootstrapRuns.run(inventory, false, "package, witness");
        assertEquals(Stage.VERIFIED, o.stage(), "bootstrap did not verify: " + o);
        awaitKeeper(DB06, "primary: holds the lease at the witness " + lab.config().witness().address());
        awaitKeeper(DB07, "standby");
    }

    @Test
    @Order(2)
    void aPartitionBetweenTheNodesStillNeverFailsOver() {
        awaitHealthy(inventory);
        int before = Integer.parseInt(lab.sh(DB07, "cat /etc/keepalived/log/pg_failover.log 2>/dev/null | wc -l").strip());
        String last = drill(inventory, "partition", "--timeout", "30", "--after", "15");
        assertNoSplitBrainNoLoss(last);
        assertEquals("f", psql(DB06, "select pg_is_in_recovery()"), "db06 reaches the witness: it stays primary");
        assertEquals("t", psql(DB07, "select pg_is_in_recovery()"));
        // What must hold is that db07's guard refused because db06 lives, not which evidence of it came first: the
        // witness's lease, the healed link showing a primary, or the peer still answering as one until the wait ran out.
        String log = lab.sh(DB07, "tail -n +" + (before + 1) + " /etc/keepalived/log/pg_failover.log");   // this drill's lines
        assertTrue(log.contains("failover not allow!"), "db07's guard never refused: " + log);
        assertFalse(log.contains("promote standby success"), "db07 promoted: " + log);
        assertTrue(log.contains("holds the lease: it is alive") || log.contains("answers as a primary again")
                        || log.contains("is still a running primary"),
                "db07's guard refused for another reason than db06 being alive: " + log);
    }

    @Test
    @Order(3)
    void theWitnessDownTakesNothingDownWhileThePrimaryReachesItsStandby() {
        awaitHealthy(inventory);
        lab.kill(WITNESS);
        try {
            BootstrapRuns.pause(8_000); // pg_lease_fence_after is 2 s
            assertEquals("f", psql(DB06, "select pg_is_in_recovery()"), "db06 must stay primary: its standby answers");
            assertTrue(lab.sh(DB06, "cat /run/pgha-lease").contains("the standby does: staying primary"), lab.sh(DB06, "cat /run/pgha-lease"));
        } finally {
            lab.start(WITNESS);
        }
        awaitKeeper(DB06, "primary: holds the lease");
    }

    @Test
    @Order(4)
    void thePrimarysHostDownFailsOverOnTheWitnessLeaseAndItsBootComesBackReadOnly() {
        awaitHealthy(inventory);
        String last = drill(inventory, "host-down", "--timeout", "30", "--after", "30");
        assertRecovered(last);
        assertNoSplitBrainAtMostTheInFlightCommitsLost(last);
        assertTrue(jsonLong(last, "promoted_ms") < jsonLong(last, "healed_ms"), "db07 took over while db06 was down: " + last);
        assertTrue(jsonLong(last, "writes_back_ms") < 20_000, "writes back after " + jsonLong(last, "writes_back_ms") + " ms: " + last);
        assertEquals("f", psql(DB07, "select pg_is_in_recovery()"));
        assertEquals("t", psql(DB06, "select pg_is_in_recovery()"), "db06 booted read-only: db07 is primary");
        assertTrue(lab.sh(DB07, "cat /etc/keepalived/log/pg_failover.log").contains("granted this node the lease"));
    }

    @Test
    @Order(5)
    void anIsolatedPrimaryFencesItselfAndTheStandbyTakesOverWhileItIsCutOff() throws Exception {
        Path swapped = BootstrapRuns.swappedRoles(inventory, "lab-witness-swapped");
        Rejoin.Outcome r = BootstrapRuns.rejoin(swapped, new ArrayList<>());
        assertTrue(r.stage() == Stage.VERIFIED || r.stage() == Stage.NOTHING_TO_DO, r.toString());
        awaitHealthy(swapped);
        String last = drill(swapped, "isolate", "--timeout", "30", "--after", "20");
        assertRecovered(last);
        assertNoSplitBrainAtMostTheInFlightCommitsLost(last);
        assertTrue(jsonLong(last, "writes_back_ms") < jsonLong(last, "healed_ms"), "db06 took over while db07 was cut off: " + last);
        assertEquals("f", psql(DB06, "select pg_is_in_recovery()"));
        assertEquals("t", psql(DB07, "select pg_is_in_recovery()"), "db07 fenced itself and stays read-only after the heal");
    }

    @Test
    @Order(6)
    void synchronousThePrimarysHostDownFailsOverOnTheLeaseLosingNothing() throws Exception {
        // db06 is primary since the isolation: the old primary db07 rejoins, with the files rendered for sync mode
        String last = rejoinedSynchronousThenDrilled(syncInventory(), DB07, "host-down", "30");
        assertTrue(jsonLong(last, "promoted_ms") < jsonLong(last, "healed_ms"), "db07 took over while db06 was down: " + last);
        assertTrue(jsonLong(last, "writes_back_ms") < 20_000, "writes back after " + jsonLong(last, "writes_back_ms") + " ms: " + last);
        assertTrue(lab.sh(DB07, "cat /etc/keepalived/log/pg_failover.log").contains("this node was the primary's synchronous standby"));
    }

    @Test
    @Order(7)
    void synchronousAnIsolatedPrimaryIsReplacedWhileCutOffLosingNothing() throws Exception {
        String last = rejoinedSynchronousThenDrilled(BootstrapRuns.swappedRoles(syncInventory(), "lab-witness-sync-swapped"), DB06,
                "isolate", "20");
        assertTrue(jsonLong(last, "writes_back_ms") < jsonLong(last, "healed_ms"), "db06 took over while db07 was cut off: " + last);
        assertEquals("f", psql(DB06, "select pg_is_in_recovery()"));
        assertEquals("t", psql(DB07, "select pg_is_in_recovery()"), "db07 fenced itself and stays read-only after the heal");
    }

    /**
     * The inventory's standby rejoined (the files rendered for sync mode everywhere) and synchronous, then
     * the fault drilled: writes back, no split brain, nothing lost. Returns the drill's JSON.
     */
    private static String rejoinedSynchronousThenDrilled(Path inv, String standby, String fault, String afterSeconds) {
        Rejoin.Outcome r = BootstrapRuns.rejoin(inv, new ArrayList<>());
        assertTrue(r.stage() == Stage.VERIFIED || r.stage() == Stage.NOTHING_TO_DO, r.toString());
        awaitStatus(inv, s -> s.contains(SYNC));
        DrillRuns.awaitSynchronousHeartbeat(lab, standby);
        String last = drill(inv, fault, "--timeout", "30", "--after", afterSeconds);
        assertRecovered(last);
        assertNoSplitBrainNoLoss(last);
        return last;
    }

    /** The lab inventory (db06 primary) with pg_replication_mode sync. */
    private static Path syncInventory() throws IOException {
        Path sync = BootstrapRuns.copy(inventory, "lab-witness-sync");
        BootstrapRuns.addGroupVars(sync, "pg_replication_mode: sync\n");
        return sync;
    }

    /** Until the node's lease keeper reports what is expected (it reports every round). */
    private static void awaitKeeper(String host, String expected) {
        String report = "";
        for (int i = 0; i < 40; i++) {
            report = lab.sh(host, "cat /run/pgha-lease 2>/dev/null || true");
            if (report.contains(expected)) return;
            BootstrapRuns.pause(500);
        }
        throw new AssertionError(host + "'s lease keeper says '" + report.strip() + "', expected '" + expected + "'");
    }

    private static String psql(String host, String sql) { return DrillRuns.psql(lab, host, sql); }
}
