package io.pgha.ops.drill;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.pgha.ops.drill.SplitBrainTest.MS;
import static io.pgha.ops.drill.SplitBrainTest.probes;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DrillTimelineTest {
    private static final DrillMeasure NO_GAP = new DrillMeasure(null, 0L, null, null);

    /** keepalived samples every 500 ms from 0 to endMs: state before changeAt, after it from there on (null: unreachable). */
    static List<NodeWatch.SystemSample> vrrp(long endMs, String before, long changeAt, String after) {
        List<NodeWatch.SystemSample> out = new ArrayList<>();
        for (long t = 0; t <= endMs; t += 500) {
            String s = t < changeAt ? before : after;
            out.add(new NodeWatch.SystemSample(t * MS, s != null, "MASTER".equals(s), s));
        }
        return out;
    }

    @Test
    void theStandbysHostDownDetectsNothingAndItsRebootIsNotADetection() {
        // fault at 1 s, db07 unreachable from 1 s, heal at 15 s, db07 boots and goes FAULT at 16 s
        Map<String, List<NodeWatch.SystemSample>> system = new LinkedHashMap<>();
        system.put("db06", vrrp(30_000, "MASTER", 99_000, "MASTER"));
        List<NodeWatch.SystemSample> db07 = new ArrayList<>(vrrp(30_000, "BACKUP", 1_000, null));
        db07.replaceAll(s -> s.atNanos() >= 16_000 * MS ? new NodeWatch.SystemSample(s.atNanos(), true, false, "FAULT") : s);
        system.put("db07", db07);
        Map<String, List<NodeWatch.Probe>> probes = new LinkedHashMap<>();
        probes.put("db06", probes(30_000, 0, 99_000, null, null));
        probes.put("db07", probes(30_000, 99_000, 99_000, 1_000L, 17_000L));

        List<DrillReport.Event> events = DrillTimeline.of(1_000 * MS, 15_000 * MS, "db06", "db07", system, probes, NO_GAP);

        assertEquals(List.of(new DrillReport.Event(0, "fault"), new DrillReport.Event(14_000, "healed: after-phase")), events,
                "db06 never stopped taking writes, and db07's FAULT after its boot is not the cluster noticing");
    }

    @Test
    void aStoppedOldPrimaryTakingWritesAgainAfterTheHealIsMarkedAndTheFirstChangeIsTheDetection() {
        Map<String, List<NodeWatch.SystemSample>> system = new LinkedHashMap<>();
        system.put("db06", vrrp(30_000, "MASTER", 4_000, "FAULT"));
        system.put("db07", vrrp(30_000, "BACKUP", 5_000, "MASTER"));
        Map<String, List<NodeWatch.Probe>> probes = new LinkedHashMap<>();
        probes.put("db06", probes(30_000, 0, 2_000, null, null));
        probes.get("db06").replaceAll(p -> p.atNanos() >= 20_000 * MS ? new NodeWatch.Probe(p.atNanos(), true) : p);
        probes.put("db07", probes(30_000, 6_000, 99_000, null, null));

        List<DrillReport.Event> events = DrillTimeline.of(1_000 * MS, 15_000 * MS, "db06", "db07", system, probes, NO_GAP);

        assertEquals(List.of("fault", "detected: keepalived on db06 MASTER -> FAULT", "VIP on db07", "promoted: db07 takes writes",
                "healed: after-phase", "db06 takes writes again after the heal"), events.stream().map(DrillReport.Event::what).toList());
        assertEquals(List.of(0L, 3_000L, 4_000L, 5_000L, 14_000L, 19_000L), events.stream().map(DrillReport.Event::ms).toList());
    }
}
