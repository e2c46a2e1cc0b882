package io.pgha.ops.status;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeStateTest {
    private static NodeState primary(String synchronousStandbyNames, String recordedMode) {
        PgState pg = new PgState(false, "15.18", 1, Lsn.parse("0/5000100"), null, List.of(),
                synchronousStandbyNames == null ? null : new PgState.SyncRep(synchronousStandbyNames, 0));
        return new NodeState("db06", "primary", null, pg, null, true, "running",
                new NodeState.Marks("MASTER", null, null, null, NodeState.ReplicationMode.parse(recordedMode), null));
    }

    @Test
    void asyncWithNothingRecordedIsTheArticlesCluster() {
        assertTrue(primary("", null).asyncWithNothingRecorded());
    }

    @Test
    void aSynchronousStandbyNameOrARecordedModeIsSomethingToSay() {
        assertFalse(primary("\"pgdb02\"", null).asyncWithNothingRecorded(), "synchronous now");
        assertFalse(primary("", "async|1764680000|pgdb02 does not stream").asyncWithNothingRecorded(), "recorded");
    }

    @Test
    void notAsyncWhenPostgresqlDidNotSay() {
        assertFalse(primary(null, null).asyncWithNothingRecorded(), "a standby: no synchronous replication read");
        assertFalse(new NodeState("db06", "primary", null, null, "connection refused", true, "running").asyncWithNothingRecorded(), "down");
    }
}
