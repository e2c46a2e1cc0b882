package io.pgha.ops.status;

import io.pgha.core.ExitCodes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How pgha status judges what the nodes said: each case a DBA meets on call. */
class StatusAssessmentTest {
    static final String VIP = "10.0.0.9";

    static NodeState primary(String host, String inventoryRole, long timeline, String lsn, boolean vip) {
        PgState pg = new PgState(false, "15.18", timeline, Lsn.parse(lsn), null,
                List.of(new PgState.Replica("pgdb02", "10.0.0.7/32", "streaming", "async")));
        return new NodeState(host, inventoryRole, null, pg, null, vip, "running");
    }

    static NodeState standby(String host, String inventoryRole, long timeline, String lsn, String receiver, boolean vip) {
        PgState pg = new PgState(true, "15.18", timeline, Lsn.parse(lsn),
                receiver == null ? null : new PgState.Receiver(receiver, "10.0.0.6:54321"), List.of());
        return new NodeState(host, inventoryRole, null, pg, null, vip, "running");
    }

    static List<String> problems(StatusReport r) {
        return r.findings().stream().filter(Finding::problem).map(Finding::message).toList();
    }

    @Test
    void onePrimaryHoldingTheVipAndAStreamingStandbyIsHealthyWithItsLag() {
        StatusReport r = StatusAssessment.assess(VIP, List.of(primary("db06", "primary", 1, "0/5000100", true),
                standby("db07", "standby", 1, "0/5000000", "streaming", false)), 12);
        assertTrue(r.healthy(), r.findings().toString());
        assertEquals(ExitCodes.OK, r.exitCode());
        assertEquals("db06", r.primary().orElseThrow().host());
        assertEquals(256L, r.lagBytes().get("db07"));
        assertTrue(r.findings().isEmpty(), r.findings().toString());
    }

    @Test
    void twoPrimariesAreASplitBrainNamingTheVipHolderAndTimelines() {
        StatusReport r = StatusAssessment.assess(VIP, List.of(primary("db06", "primary", 1, "0/5000100", true),
                primary("db07", "standby", 2, "0/5002000", false)), 12);
        assertEquals(ExitCodes.HOST_FAILED, r.exitCode());
        assertTrue(r.primary().isEmpty());
        assertTrue(r.lagBytes().isEmpty(), "no lag without a single primary");
        assertEquals(List.of("split brain: db06 (timeline 1) and db07 (timeline 2) are both primaries; writes to any but db06"
                + " (the VIP holder) are lost to the cluster: stop PostgreSQL on the others, then rebuild them as standbys"), problems(r));
        assertTrue(r.findings().stream().anyMatch(f -> !f.problem() && f.host().equals("db07")
                && f.message().contains("inventory says cluster_role: standby")), r.findings().toString());
    }

    @Test
    void afterAFailoverTheNewPrimaryIsHealthyButTheInventoryDriftIsAWarning() {
        StatusReport r = StatusAssessment.assess(VIP, List.of(standby("db06", "primary", 1, "0/4000000", null, false),
                primary("db07", "standby", 2, "0/5000000", true)), 12);
        // the old primary on timeline 1 does not stream: a problem, with the timeline hint
        assertEquals(List.of("db06 is a standby but streams from no one; it is on timeline 1 and the primary db07 on 2:"
                + " it may have to be rewound or rebuilt"), problems(r));
        assertEquals(2, r.findings().stream().filter(f -> !f.problem()).count(), "both nodes' roles differ from the inventory");
    }

    @Test
    void theVipOnAStandbyMeansWritesFail() {
        StatusReport r = StatusAssessment.assess(VIP, List.of(primary("db06", "primary", 1, "0/5000000", false),
                standby("db07", "standby", 1, "0/5000000", "streaming", true)), 12);
        assertEquals(List.of("the VIP 10.0.0.9 is on db07, which is standby: writes through the VIP fail (its promotion was"
                + " refused or failed? see /etc/keepalived/log/pg_failover.log there)"), problems(r));
    }

    @Test
    void theVipOnNoNodeOrOnBoth() {
        StatusReport none = StatusAssessment.assess(VIP, List.of(primary("db06", "primary", 1, "0/5000000", false),
                standby("db07", "standby", 1, "0/5000000", "streaming", false)), 12);
        assertTrue(problems(none).get(0).startsWith("the VIP 10.0.0.9 is on no node: clients cannot connect"), problems(none).toString());
        StatusReport both = StatusAssessment.assess(VIP, List.of(primary("db06", "primary", 1, "0/5000000", true),
                standby("db07", "standby", 1, "0/5000000", "streaming", true)), 12);
        assertTrue(problems(both).get(0).startsWith("the VIP 10.0.0.9 is on db06 and db07 at once"), problems(both).toString());
    }

    @Test
    void aDownNodeAndStoppedKeepalivedAreProblemsAndAnUnreachableNodeIsExit4() {
        NodeState down = new NodeState("db07", "standby", null, null, "db07: PostgreSQL does not accept connections", false, "stopped");
        StatusReport r = StatusAssessment.assess(VIP, List.of(primary("db06", "primary", 1, "0/5000000", true), down), 12);
        assertEquals(ExitCodes.HOST_FAILED, r.exitCode());
        assertEquals(List.of("db07: PostgreSQL does not accept connections",
                "keepalived is not running on db07: it takes no part in moving the VIP (systemctl start keepalived there)"), problems(r));

        StatusReport gone = StatusAssessment.assess(VIP, List.of(primary("db06", "primary", 1, "0/5000000", true),
                NodeState.unreachable("db07", "standby", "connection refused")), 12);
        assertEquals(ExitCodes.UNREACHABLE, gone.exitCode());
        assertEquals("unreachable", gone.nodes().get(1).role());
        assertEquals(List.of("db07 cannot be reached over SSH, its state is unknown: connection refused"), problems(gone));
    }

    @Test
    void noPrimaryNamesTheMostAdvancedStandby() {
        StatusReport r = StatusAssessment.assess(VIP, List.of(standby("db06", "primary", 1, "0/5000100", null, false),
                standby("db07", "standby", 1, "0/5000000", null, false)), 12);
        assertFalse(r.healthy());
        assertTrue(problems(r).contains("no primary: writes fail. The most advanced standby is db06 at 0/5000100 (timeline 1)"),
                problems(r).toString());
    }
}
