package io.pgha.output;

import java.time.Duration;

/** Short human durations: 12ms, 3.4s, 2m05s. */
public final class Durations {
    private Durations() {}

    public static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) return ms + "ms";
        if (ms < 60_000) return String.format("%.1fs", ms / 1000.0);
        long s = ms / 1000;
        return String.format("%dm%02ds", s / 60, s % 60);
    }
}
