package io.pgha.ops.drill;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SplitBrainTest {
    static final long MS = 1_000_000L;

    /** Probes every 250 ms from 0 to endMs: writable from..to (ms), not writable otherwise; null answers in gaps. */
    static List<NodeWatch.Probe> probes(long endMs, long writableFrom, long writableTo, Long silentFrom, Long silentTo) {
        List<NodeWatch.Probe> out = new ArrayList<>();
        for (long t = 0; t <= endMs; t += 250) {
            boolean silent = silentFrom != null && t >= silentFrom && t < silentTo;
            out.add(new NodeWatch.Probe(t * MS, silent ? null : (t >= writableFrom && t < writableTo)));
        }
        return out;
    }

    @Test
    void aCleanHandOverHasNoOverlap() {
        Map<String, List<NodeWatch.Probe>> p = new LinkedHashMap<>();
        p.put("db06", probes(10_000, 0, 2_000, null, null));
        p.put("db07", probes(10_000, 3_000, 99_000, null, null));
        assertEquals(0, SplitBrain.overlapMs(p, 0, 10_000 * MS));
    }

    @Test
    void theOverlapIsMeasuredFromProbeToProbeAndClippedToTheWindow() {
        Map<String, List<NodeWatch.Probe>> p = new LinkedHashMap<>();
        p.put("db06", probes(10_000, 0, 99_000, null, null));       // never stops writing
        p.put("db07", probes(10_000, 4_000, 99_000, null, null));   // promoted at 4 s
        assertEquals(6_000, SplitBrain.overlapMs(p, 0, 10_000 * MS));
        assertEquals(3_000, SplitBrain.overlapMs(p, 0, 7_000 * MS), "window ends at 7 s");
        assertEquals(2_000, SplitBrain.overlapMs(p, 8_000 * MS, 10_000 * MS), "window starts at 8 s");
    }

    @Test
    void aNodeThatDoesNotAnswerIsNotWritable() {
        Map<String, List<NodeWatch.Probe>> p = new LinkedHashMap<>();
        p.put("db06", probes(10_000, 0, 99_000, 1_000L, 99_000L)); // cut off at 1 s: no client reaches it
        p.put("db07", probes(10_000, 4_000, 99_000, null, null));
        assertEquals(0, SplitBrain.overlapMs(p, 0, 10_000 * MS));
    }
}
