package io.pgha.ops.status;

import io.pgha.core.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    static NodeState synchronousPrimary(String names, int waiting, String record) {
        PgState pg = new PgState(false, "15.18", 1, Lsn.parse("0/5000100"), null,
                List.of(new PgState.Replica("pgdb02", "10.0.0.7/32", "streaming", names.isEmpty() ? "async" : "sync")),
                new PgState.SyncRep(names, waiting));
        return new NodeState("db06", "primary", null, pg, null, true, "running",
                new NodeState.Marks("MASTER", null, null, null, NodeState.ReplicationMode.parse(record), null));
    }

    @Test
    void synchronousAndStreamingIsHealthyCommitsWaitingAreAProblemDegradedIsAWarning() {
        NodeState standby = standby("db07", "standby", 1, "0/5000100", "streaming", false);
        StatusReport sync = StatusAssessment.assess(VIP, List.of(synchronousPrimary("\"pgdb02\"", 0,
                "sync|1764680000|pgdb02 streams and confirms every commit"), standby), 5);
        assertTrue(sync.healthy(), sync.findings().toString());

        StatusReport waiting = StatusAssessment.assess(VIP, List.of(synchronousPrimary("\"pgdb02\"", 3,
                "waiting|1764680000|pgdb02 does not stream: commits wait for it"), standby), 5);
        assertEquals(ExitCodes.HOST_FAILED, waiting.exitCode());
        assertEquals(List.of("commits on db06 wait for the synchronous standby (\"pgdb02\"), 3 waiting now: pgdb02 does not stream:"
                + " commits wait for it. Bring the standby back (pgha status, pgha rejoin); with pg_replication_mode sync the"
                + " primary goes asynchronous after pg_sync_degrade_after s"), problems(waiting));

        StatusReport degraded = StatusAssessment.assess(VIP, List.of(synchronousPrimary("", 0,
                "degraded|1764680000|pgdb02 has not streamed for 65 s: asynchronous, so writes continue"), standby), 5);
        assertTrue(degraded.healthy(), "writes continue: " + degraded.findings());
        assertTrue(degraded.findings().get(0).message().startsWith("db06 runs asynchronous since 2025-12-02T12:53:20Z (pgdb02 has"
                + " not streamed for 65 s"), degraded.findings().toString());
    }

    @Test
    void aModeRecordIsThreeFieldsWithAnEpoch() {
        assertEquals(new NodeState.ReplicationMode("degraded", 17, "why | with a bar"), NodeState.ReplicationMode.parse("degraded|17|why | with a bar"));
        assertEquals(null, NodeState.ReplicationMode.parse("degraded|soon|why"));
        assertEquals(null, NodeState.ReplicationMode.parse("sync"));
    }

    @Test
    void theMarksAreReadByKeyWhicheverAreAbsent() {
        // no VRRP state, not fenced, no refusal, no lease keeper: only the mode record and maintenance are there
        NodeState.Marks m = NodeProbe.marks("addresses\n@@pgha-marks\nvrrp_state=\nfenced=\nreplication=sync|5|why\n"
                + "maintenance=2026-12-02 16:20:00 kernel update\nrestart_hold=\n", 600);
        assertEquals(null, m.vrrp());
        assertEquals(null, m.refused());
        assertEquals("sync", m.replication().state());
        assertEquals("2026-12-02 16:20:00 kernel update", m.maintenance());
        NodeState.Marks fenced = NodeProbe.marks("a\n@@pgha-marks\nfenced=keepalived went FAULT = at 10:42\nvrrp_state=MASTER 17\n", 600);
        assertEquals("MASTER", fenced.vrrp());
        assertEquals("keepalived went FAULT = at 10:42", fenced.fenced());
        assertEquals(null, fenced.replication());
        assertEquals(NodeState.Marks.NONE, NodeProbe.marks("a\nno marks asked", 600));
    }

    @Test
    void theRestartMarksAreTheirAgesInSecondsAndAnOldCrashIsForgotten() {
        NodeState.Marks m = NodeProbe.marks("a\n@@pgha-marks\nvrrp_state=MASTER 17\nrestart_hold=4\ncrash_restart=\n", 600);
        assertEquals(4L, m.restartingFor());
        assertEquals(null, m.crashRestartAgo());
        NodeState.Marks crashed = NodeProbe.marks("a\n@@pgha-marks\nrestart_hold=\ncrash_restart=120\n", 600);
        assertEquals(null, crashed.restartingFor());
        assertEquals(120L, crashed.crashRestartAgo());
        assertEquals(null, NodeProbe.marks("a\n@@pgha-marks\ncrash_restart=600\n", 600).crashRestartAgo(), "older than the window");
        assertEquals(null, NodeProbe.marks("a\n@@pgha-marks\nrestart_hold=soon\n", 600).restartingFor());
    }

    @Test
    void anUptimeMarkIsAgedOnTheUptimeClockAndOneFromBeforeABootIsAbsent(@TempDir Path dir) throws Exception {
        long uptimeCs = Math.round(Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]) * 100);
        Path recent = Files.writeString(dir.resolve("hold"), (uptimeCs - 450) + "\n");
        Path beforeBoot = Files.writeString(dir.resolve("crash"), (uptimeCs + 100_000) + "\n");
        Path garbage = Files.writeString(dir.resolve("garbage"), "soon\n");
        assertTrue(sh(NodeProbe.uptimeAge("restart_hold", recent.toString())).matches("restart_hold=(4|5)\n"), "4.5 s ago");
        assertEquals("crash_restart=\n", sh(NodeProbe.uptimeAge("crash_restart", beforeBoot.toString())), "from before a reboot");
        assertEquals("x=\n", sh(NodeProbe.uptimeAge("x", garbage.toString())));
        assertEquals("x=\n", sh(NodeProbe.uptimeAge("x", dir.resolve("absent").toString())));
    }

    private static String sh(String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void aCrashRestartInTheWindowIsAWarningOnAHealthyCluster() {
        PgState pg = new PgState(false, "15.18", 1, Lsn.parse("0/5000100"), null,
                List.of(new PgState.Replica("db07", "10.0.0.7/32", "streaming", "async")), new PgState.SyncRep("", 0));
        NodeState primary = new NodeState("db06", "primary", null, pg, null, true, "running",
                new NodeState.Marks("MASTER", null, null, null, null, null, null, 120L, null));
        StatusReport r = StatusAssessment.assess(VIP, List.of(primary, standby("db07", "standby", 1, "0/5000100", "streaming", false)), 5);
        assertTrue(r.healthy(), r.findings().toString());
        assertEquals(List.of("PostgreSQL on db06 crashed and was restarted in place 120 s ago: another crash within pg_crash_restart_window"
                + " fails over (db06's postgresql log says why it crashed)"), r.findings().stream().map(Finding::message).toList());
    }

    @Test
    void aPowerControllerThatFailedItsCheckIsAWarning() {
        PgState pg = new PgState(false, "15.18", 1, Lsn.parse("0/5000100"), null,
                List.of(new PgState.Replica("db07", "10.0.0.7/32", "streaming", "async")), new PgState.SyncRep("", 0));
        String ok = "2026-12-07 10:42:00 ok: fence_ipmilan reaches the power controller of the peer 10.0.0.7";
        String failed = "2026-12-07 10:42:00 failed: fence_ipmilan cannot reach the power controller of the peer 10.0.0.6 (exit 1:"
                + " Connection timed out): it cannot be fenced";
        NodeState primary = new NodeState("db06", "primary", null, pg, null, true, "running",
                new NodeState.Marks("MASTER", null, null, null, null, null, null, null, ok));
        NodeState standby = standby("db07", "standby", 1, "0/5000100", "streaming", false);
        NodeState standbyFailing = new NodeState(standby.host(), standby.inventoryRole(), null, standby.pg(), null, false, "running",
                new NodeState.Marks("BACKUP", null, null, null, null, null, null, null, failed));
        StatusReport r = StatusAssessment.assess(VIP, List.of(primary, standbyFailing), 5);
        assertEquals(List.of("db07 cannot fence its peer: fence_ipmilan cannot reach the power controller of the peer 10.0.0.6 (exit 1:"
                + " Connection timed out): it cannot be fenced; until it answers, a lost or cut-off peer is not failed over (check pg_fence_*"
                + " in the inventory and the controller)"), r.findings().stream().map(Finding::message).toList());
    }

    @Test
    void aStandbyStillCatchingUpIsNotYetHealthy() {
        PgState pg = new PgState(false, "15.18", 2, Lsn.parse("0/B0000A0"), null,
                List.of(new PgState.Replica("db07", "10.0.0.7/32", "catchup", "async")));
        NodeState primary = new NodeState("db06", "primary", null, pg, null, true, "running");
        StatusReport r = StatusAssessment.assess(VIP, List.of(primary, standby("db07", "standby", 2, "0/A040360", "streaming", false)), 5);
        assertEquals(List.of("the standby db07@10.0.0.7/32 connects to db06 but is catchup, not streaming: it has not caught up yet"
                + " (wait, or see its lag)"), problems(r));
    }
}
