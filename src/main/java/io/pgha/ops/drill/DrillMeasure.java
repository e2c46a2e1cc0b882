package io.pgha.ops.drill;

import java.util.List;
import java.util.Optional;

/**
 * What the writer's record says about a drill, in milliseconds from the fault: when writes first
 * failed, when one was acknowledged again (and on which timeline). Pure logic.
 *
 * @param firstFailureMs  the first failed write after the fault (null: none failed)
 * @param recoveredMs     the first acknowledged write after that failure (null: none within the drill)
 * @param timelineAfter   the timeline of the server that acknowledged it
 * @param lastAckBeforeMs the last write acknowledged before writes failed (negative: before the fault)
 */
public record DrillMeasure(Long firstFailureMs, Long recoveredMs, Integer timelineAfter, Long lastAckBeforeMs) {

    static DrillMeasure of(List<VipWriter.Ack> acks, List<VipWriter.Failure> failures, long faultAtNanos) {
        Optional<VipWriter.Failure> firstFailure = failures.stream().filter(f -> f.atNanos() >= faultAtNanos).findFirst();
        if (firstFailure.isEmpty()) return new DrillMeasure(null, 0L, null, null);
        long failedAt = firstFailure.get().atNanos();
        Optional<VipWriter.Ack> back = acks.stream().filter(a -> a.atNanos() > failedAt).findFirst();
        Long lastBefore = acks.stream().filter(a -> a.atNanos() < failedAt).reduce((a, b) -> b)
                .map(a -> ms(a.atNanos() - faultAtNanos)).orElse(null);
        return new DrillMeasure(ms(failedAt - faultAtNanos), back.map(a -> ms(a.atNanos() - faultAtNanos)).orElse(null),
                back.map(VipWriter.Ack::timeline).orElse(null), lastBefore);
    }

    public boolean recovered() { return recoveredMs != null; }

    /** The longest time without an acknowledged write within [fromNanos, toNanos] (its ends count as writes). */
    static long maxGapMs(List<VipWriter.Ack> acks, long fromNanos, long toNanos) {
        long last = fromNanos;
        long max = 0;
        for (VipWriter.Ack a : acks) {
            if (a.atNanos() < fromNanos || a.atNanos() > toNanos) continue;
            max = Math.max(max, a.atNanos() - last);
            last = a.atNanos();
        }
        return ms(Math.max(max, toNanos - last));
    }

    private static long ms(long nanos) { return nanos / 1_000_000; }
}
