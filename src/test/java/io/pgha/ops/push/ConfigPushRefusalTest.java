package io.pgha.ops.push;

import io.pgha.ops.status.Lsn;
import io.pgha.ops.status.NodeState;
import io.pgha.ops.status.PgState;
import io.pgha.ops.status.StatusAssessment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When push-config refuses to touch a cluster. */
class ConfigPushRefusalTest {
    static NodeState node(String host, String inventoryRole, boolean inRecovery) {
        PgState pg = new PgState(inRecovery, "15", 1, Lsn.parse("0/1"), inRecovery ? new PgState.Receiver("streaming", "x:1") : null, List.of());
        return new NodeState(host, inventoryRole, null, pg, null, !inRecovery, "running");
    }

    @Test
    void aHealthyClusterInItsInventoryRolesIsPushedTo() {
        assertEquals(List.of(), ConfigPush.refusals(StatusAssessment.assess("v", List.of(node("db06", "primary", false),
                node("db07", "standby", true)), 1)));
    }

    @Test
    void aNodeInAnotherRoleThanTheInventorysIsRefused() {
        List<String> r = ConfigPush.refusals(StatusAssessment.assess("v", List.of(node("db06", "primary", true),
                node("db07", "standby", false)), 1));
        assertEquals(2, r.size(), r.toString());
        assertTrue(r.get(1).startsWith("db07 is primary but the inventory says cluster_role: standby: pushing would give it"
                + " the files of a standby"), r.get(1));
    }

    @Test
    void aDownOrUnreachableNodeIsRefused() {
        NodeState down = new NodeState("db07", "standby", null, null, "db07: PostgreSQL does not accept connections", false, "running");
        List<String> r = ConfigPush.refusals(StatusAssessment.assess("v", List.of(node("db06", "primary", false), down), 1));
        assertEquals(List.of("db07: PostgreSQL does not accept connections; push-config needs every node's PostgreSQL running"
                + " (start it, or pgha bootstrap)"), r);
        List<String> u = ConfigPush.refusals(StatusAssessment.assess("v", List.of(node("db06", "primary", false),
                NodeState.unreachable("db07", "standby", "timed out")), 1));
        assertEquals(List.of("db07 cannot be reached over SSH: timed out"), u);
    }
}
