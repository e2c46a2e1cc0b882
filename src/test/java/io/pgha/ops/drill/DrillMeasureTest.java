package io.pgha.ops.drill;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrillMeasureTest {
    static final long MS = 1_000_000L;
    static final long FAULT = 10_000 * MS;

    static VipWriter.Ack ack(long n, long ms, int tl) { return new VipWriter.Ack(n, FAULT + ms * MS, tl); }
    static VipWriter.Failure fail(long n, long ms) { return new VipWriter.Failure(n, FAULT + ms * MS, "refused"); }

    @Test
    void theOutageRunsFromTheFaultToTheFirstWriteAcknowledgedAfterTheFirstFailure() {
        DrillMeasure m = DrillMeasure.of(
                List.of(ack(1, -100, 1), ack(2, 40, 1), ack(5, 31_000, 2), ack(6, 31_050, 2)),
                List.of(fail(3, 90), fail(4, 15_000)), FAULT);
        assertEquals(90L, m.firstFailureMs());
        assertEquals(31_000L, m.recoveredMs());
        assertEquals(2, m.timelineAfter());
        assertEquals(40L, m.lastAckBeforeMs(), "a write acknowledged after the fault, before the first failure");
        assertTrue(m.recovered());
    }

    @Test
    void failuresBeforeTheFaultDoNotCount() {
        DrillMeasure m = DrillMeasure.of(List.of(ack(2, 100, 1)), List.of(fail(1, -500)), FAULT);
        assertNull(m.firstFailureMs(), "no write failed after the fault");
        assertEquals(0L, m.recoveredMs());
    }

    @Test
    void noWriteBackMeansNotRecovered() {
        DrillMeasure m = DrillMeasure.of(List.of(ack(1, -50, 1)), List.of(fail(2, 10), fail(3, 60_000)), FAULT);
        assertFalse(m.recovered());
        assertNull(m.timelineAfter());
        assertEquals(-50L, m.lastAckBeforeMs());
    }

    @Test
    void faultsAreNamedAsOnTheCommandLine() {
        for (Fault f : Fault.values()) assertEquals(f, Fault.of(f.option()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fault.of("kill-primary"));
        assertTrue(e.getMessage().contains("stop-postgresql, kill-postgresql, stop-keepalived, host-down, isolate, partition,"
                + " standby-down"), e.getMessage());
    }

    @Test
    void eachFaultStopsTheServiceTheInventoryNamesForIt() {
        // names unlike any default, so a command that ignored the inventory's pg_service_name / ka_service_name would show
        String pg = "pg-of-this-inventory", ka = "ka-of-this-inventory";
        assertEquals("service " + pg + " stopped", injector(Fault.STOP_POSTGRESQL, pg, ka).describe());
        assertEquals("service " + ka + " stopped", injector(Fault.STOP_KEEPALIVED, pg, ka).describe(), "stop-keepalived leaves PostgreSQL running");
        assertTrue(injector(Fault.KILL_POSTGRESQL, pg, ka).describe().contains("/data/postmaster.pid"));
    }

    @Test
    void theLongestWriteGapCountsTheEndsOfTheWindow() {
        List<VipWriter.Ack> acks = List.of(ack(1, 100, 1), ack(2, 300, 1), ack(3, 1_800, 2));
        assertEquals(1_500, DrillMeasure.maxGapMs(acks, FAULT, FAULT + 2_000 * MS));
        assertEquals(5_000, DrillMeasure.maxGapMs(acks, FAULT, FAULT + 6_800 * MS), "no write after the last one counts up to the end");
        assertEquals(2_000, DrillMeasure.maxGapMs(List.of(), FAULT, FAULT + 2_000 * MS));
    }

    private static FaultInjector injector(Fault f, String pg, String ka) {
        return new FaultInjector(f, "db06", null, null, null, "10.0.0.7", pg, ka, "/data", java.time.Duration.ofSeconds(60));
    }
}
