package io.pgha.ops.rejoin;

import io.pgha.ops.status.Lsn;
import io.pgha.ops.status.NodeState;
import io.pgha.ops.status.PgState;
import io.pgha.ops.status.StatusAssessment;
import io.pgha.ops.status.StatusReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RejoinPlanTest {
    static NodeState node(String host, boolean inRecovery, String receiver, boolean vip) {
        PgState pg = new PgState(inRecovery, "15", 1, Lsn.parse("0/1"),
                receiver == null ? null : new PgState.Receiver(receiver, "x:1"), List.of());
        return new NodeState(host, "standby", null, pg, null, vip, "running");
    }

    static StatusReport of(NodeState... nodes) { return StatusAssessment.assess("v", List.of(nodes), 1); }

    static final NodeState DOWN06 = new NodeState("db06", "primary", null, null, "db06: down", false, "running");

    @Test
    void theNewPrimaryIsTheOnlyPrimaryOrOfSeveralTheVipHolder() {
        assertEquals("db07", RejoinPlan.newPrimary(of(DOWN06, node("db07", false, null, true))));
        assertEquals("db06", RejoinPlan.newPrimary(of(node("db06", false, null, true), node("db07", false, null, false))));
        assertNull(RejoinPlan.newPrimary(of(node("db06", false, null, false), node("db07", false, null, false))));
        assertNull(RejoinPlan.newPrimary(of(DOWN06, node("db07", true, null, false))));
    }

    @Test
    void onlyAStreamingStandbyNeedsNothing() {
        assertTrue(RejoinPlan.streams(node("db07", true, "streaming", false)));
        assertFalse(RejoinPlan.streams(node("db07", true, "waiting", false)));
        assertFalse(RejoinPlan.streams(node("db07", true, null, false)));
        assertFalse(RejoinPlan.streams(node("db07", false, null, false)));
        assertFalse(RejoinPlan.streams(DOWN06));
    }

    @Test
    void refusalsSayWhatToDo() {
        assertEquals("db07 is the primary now, but the inventory says db06 is: rejoin follows the inventory, so set"
                + " cluster_role: primary for db07 (inv/host_vars/db07.yml:2:1) and cluster_role: standby for db06"
                + " (inv/host_vars/db06.yml:2:1), then run pgha rejoin again; or run pgha rejoin --follow-cluster, which rewrites"
                + " those two lines itself (--check shows them)",
                RejoinPlan.inventoryBehind("db07", "db06", Map.of("db07", "inv/host_vars/db07.yml:2:1", "db06", "inv/host_vars/db06.yml:2:1")));
        assertTrue(RejoinPlan.noPrimary(of(DOWN06, node("db07", true, null, false))).startsWith("no node answers as a primary"));
        assertTrue(RejoinPlan.noPrimary(of(node("db06", false, null, false), node("db07", false, null, false)))
                .startsWith("several nodes are primaries and none holds the VIP"));
        assertTrue(RejoinPlan.runningPrimary("db07", "db06").endsWith("then run pgha rejoin --force"));
    }
}
