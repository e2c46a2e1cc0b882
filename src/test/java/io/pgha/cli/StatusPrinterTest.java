package io.pgha.cli;

import io.pgha.ops.status.Lsn;
import io.pgha.ops.status.NodeState;
import io.pgha.ops.status.PgState;
import io.pgha.ops.status.StatusReport;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusPrinterTest {
    @Test
    void walDistancesReadAsAPersonWouldSayThem() {
        assertEquals("0 bytes", StatusPrinter.bytes(0));
        assertEquals("1023 bytes", StatusPrinter.bytes(1023));
        assertEquals("1.0 kB", StatusPrinter.bytes(1024));
        assertEquals("16 MB", StatusPrinter.bytes(16L * 1024 * 1024));
        assertEquals("3.5 GB", StatusPrinter.bytes(3584L * 1024 * 1024));
    }

    @Test
    void aPrimarysReplicationModeIsOneLineAndAJsonObject() {
        PgState pg = new PgState(false, "15.18", 1, Lsn.parse("0/5000100"), null, List.of(), new PgState.SyncRep("\"pgdb02\"", 1));
        NodeState n = new NodeState("db06", "primary", null, pg, null, true, "running", new NodeState.Marks("MASTER", null, null, null,
                NodeState.ReplicationMode.parse("waiting|1764680000|pgdb02 does not stream: commits wait for it"), null));
        assertEquals("waiting since 2025-12-02T12:53:20Z (pgdb02 does not stream: commits wait for it), 1 commit waiting for a standby",
                StatusPrinter.replicationLine(n));
        assertEquals("{state=waiting, since=2025-12-02T12:53:20Z, why=pgdb02 does not stream: commits wait for it,"
                + " synchronous_standby_names=\"pgdb02\", waiting_commits=1}", StatusPrinter.replication(n).toString());
    }

    @Test
    void anAsynchronousPrimaryWithoutARecordHasNoReplicationLine() {
        PgState pg = new PgState(false, "15.18", 1, Lsn.parse("0/5000100"), null, List.of(), new PgState.SyncRep("", 0));
        NodeState n = new NodeState("db06", "primary", null, pg, null, true, "running");
        assertEquals(null, StatusPrinter.replicationLine(n));
        assertEquals("{state=async, synchronous_standby_names=, waiting_commits=0}", StatusPrinter.replication(n).toString(), "--json keeps it");
    }

    @Test
    void theCoverageLineSaysWhatPowerFencingAddsWhileEveryControllerAnswers() {
        PgState pg = new PgState(false, "15.18", 1, Lsn.parse("0/5000100"), null, List.of(), new PgState.SyncRep("", 0));
        String ok = "2026-12-07 10:42:00 ok: fence_ipmilan reaches the power controller of the peer";
        String failed = "2026-12-07 10:42:00 failed: fence_ipmilan cannot reach the power controller of the peer: it cannot be fenced";
        java.util.function.Function<String, NodeState> node = check -> new NodeState("db06", "primary", null, pg, null, true, "running",
                new NodeState.Marks("MASTER", null, null, null, null, null, null, null, check));
        StatusReport fenced = new StatusReport("10.0.0.9", List.of(node.apply(ok), node.apply(ok)), java.util.Map.of(), List.of(), 5);
        assertTrue(StatusPrinter.coverage(fenced).contains("or it is cut off (power fencing: its host is proved off first)"), StatusPrinter.coverage(fenced));
        StatusReport failing = new StatusReport("10.0.0.9", List.of(node.apply(ok), node.apply(failed)), java.util.Map.of(), List.of(), 5);
        assertTrue(StatusPrinter.coverage(failing).contains("its host lost or cut off stops writes"), StatusPrinter.coverage(failing));
    }
}
