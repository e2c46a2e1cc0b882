package io.pgha.ops.status;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When an operation that trusts the inventory's roles (push-config, a drill) must not run. */
class InventoryRolesTest {
    static NodeState node(String host, String inventoryRole, boolean inRecovery) {
        PgState pg = new PgState(inRecovery, "15", 1, Lsn.parse("0/1"), inRecovery ? new PgState.Receiver("streaming", "x:1") : null, List.of());
        return new NodeState(host, inventoryRole, null, pg, null, !inRecovery, "running");
    }

    @Test
    void aHealthyClusterInItsInventoryRolesIsPushedTo() {
        assertEquals(List.of(), StatusAssessment.assess("v", List.of(node("db06", "primary", false),
                node("db07", "standby", true)), 1).notAsInventorySays("push-config"));
    }

    @Test
    void aNodeInAnotherRoleThanTheInventorysIsRefused() {
        List<String> r = StatusAssessment.assess("v", List.of(node("db06", "primary", true),
                node("db07", "standby", false)), 1).notAsInventorySays("push-config");
        assertEquals(2, r.size(), r.toString());
        assertTrue(r.get(1).startsWith("db07 is primary but the inventory says cluster_role: standby: push-config would"
                + " treat it as a standby"), r.get(1));
    }

    @Test
    void aDownOrUnreachableNodeIsRefused() {
        NodeState down = new NodeState("db07", "standby", null, null, "db07: PostgreSQL does not accept connections", false, "running");
        List<String> r = StatusAssessment.assess("v", List.of(node("db06", "primary", false), down), 1).notAsInventorySays("push-config");
        assertEquals(List.of("db07: PostgreSQL does not accept connections; push-config needs an answer from every node's PostgreSQL"
                + " (is it running? pgha status)"), r);
        List<String> u = StatusAssessment.assess("v", List.of(node("db06", "primary", false),
                NodeState.unreachable("db07", "standby", "timed out")), 1).notAsInventorySays("push-config");
        assertEquals(List.of("db07 cannot be reached over SSH: timed out"), u);
    }
}
