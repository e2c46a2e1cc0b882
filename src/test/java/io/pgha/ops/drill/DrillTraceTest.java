package io.pgha.ops.drill;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The 100 ms steps the HTML report draws, from hand-made samples (times in ms, the fault at 2 s). */
class DrillTraceTest {
    private static final long MS = 1_000_000L;
    private static final long FAULT = 2_000 * MS;

    @Test
    void eachStepHoldsTheLastSampleBeforeItsEndAndTheWritesInIt() {
        Map<String, List<NodeWatch.Probe>> probes = new LinkedHashMap<>();
        // db06 writable until 2.25 s, then down; db07 read-only until 3.05 s, then writable
        probes.put("db06", List.of(new NodeWatch.Probe(0, true), new NodeWatch.Probe(2_250 * MS, null)));
        probes.put("db07", List.of(new NodeWatch.Probe(0, false), new NodeWatch.Probe(3_050 * MS, true)));
        Map<String, List<NodeWatch.SystemSample>> system = new LinkedHashMap<>();
        system.put("db06", List.of(new NodeWatch.SystemSample(0, true, true, "MASTER"),
                new NodeWatch.SystemSample(2_500 * MS, true, false, "FAULT")));
        system.put("db07", List.of(new NodeWatch.SystemSample(0, true, false, "BACKUP"),
                new NodeWatch.SystemSample(2_600 * MS, false, true, null)));
        List<VipWriter.Ack> acks = new ArrayList<>();
        for (long t = 0; t < 2_000; t += 100) acks.add(new VipWriter.Ack(t / 100, t * MS + 10 * MS, 1));
        acks.add(new VipWriter.Ack(99, 3_120 * MS, 2));
        acks.add(new VipWriter.Ack(100, 3_150 * MS, 2));
        List<VipWriter.Failure> failures = List.of(new VipWriter.Failure(20, 2_010 * MS, "refused"),
                new VipWriter.Failure(21, 2_110 * MS, "refused"));

        DrillTrace t = DrillTrace.of(FAULT, 3_500 * MS, probes, system, acks, failures);

        assertEquals(-2_000, t.startMs(), "from the first sample, aligned on the fault");
        assertEquals(35, t.steps(), "3.5 s in 100 ms steps");
        assertEquals(List.of("db06", "db07"), t.nodes());
        // step 22 is 0.2-0.3 s after the fault: db06's down probe at 0.25 s is in it
        assertEquals("primary", t.roles().get("db06").get(21));
        assertEquals("down", t.roles().get("db06").get(22));
        assertEquals("standby", t.roles().get("db07").get(29));
        assertEquals("primary", t.roles().get("db07").get(30), "1.05 s after the fault");
        assertEquals(true, t.vip().get("db06").get(24));
        assertEquals(false, t.vip().get("db06").get(25));
        assertEquals("FAULT", t.vrrp().get("db06").get(25));
        assertEquals("unreachable", t.vrrp().get("db07").get(26), "SSH did not answer");
        assertEquals(true, t.vip().get("db07").get(26));
        assertEquals(1, t.acked().get(0));
        assertEquals(0, t.acked().get(20));
        assertEquals(List.of(1, 1), t.failed().subList(20, 22));
        assertEquals(2, t.acked().get(31), "two writes 1.12 and 1.15 s after the fault");
        assertEquals(22, t.acked().stream().mapToInt(Integer::intValue).sum(), "every write counted once");
    }

    @Test
    void beforeTheFirstProbeTheRoleIsUnknown() {
        Map<String, List<NodeWatch.Probe>> probes = Map.of("db06", List.of(new NodeWatch.Probe(FAULT + 300 * MS, true)));
        DrillTrace t = DrillTrace.of(FAULT, FAULT + 1_000 * MS, probes, Map.of(), List.of(), List.of());
        assertEquals(300, t.startMs());
        assertEquals(List.of("primary", "primary", "primary", "primary", "primary", "primary", "primary"), t.roles().get("db06"));
        DrillTrace early = DrillTrace.of(FAULT, FAULT + 1_000 * MS, probes,
                Map.of("db06", List.of(new NodeWatch.SystemSample(FAULT, true, true, "MASTER"))), List.of(), List.of());
        assertEquals("", early.roles().get("db06").get(0));
        assertEquals("primary", early.roles().get("db06").get(3));
    }
}
