package io.pgha.modules.support;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Progress of a long command (a compile, a base backup, a package install) from its output lines,
 * without flooding the console: at most one line per interval, "after 42s, 812 lines: <the latest
 * line worth showing>" (see ProgressLine). Quick commands (done before the first interval) show nothing.
 */
public final class ThrottledProgress implements Consumer<String> {
    /** One progress line per host every 10 s: a heartbeat, not a log. */
    public static final long INTERVAL_MS = 10_000;
    private final Consumer<String> sink;
    private final long intervalNanos;
    private final long started = System.nanoTime();
    private long lastShown = started;
    private final Predicate<String> worthShowing;
    private long lines;

    public ThrottledProgress(Consumer<String> sink, long intervalMillis) {
        this(sink, intervalMillis, line -> true);
    }

    /** @param worthShowing the lines that may be shown (all are counted) */
    public ThrottledProgress(Consumer<String> sink, long intervalMillis, Predicate<String> worthShowing) {
        this.sink = sink;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.worthShowing = worthShowing;
    }

    @Override
    public synchronized void accept(String line) {
        lines++;
        long now = System.nanoTime();
        if (line == null || line.isBlank() || now - lastShown < intervalNanos || !worthShowing.test(line)) return;
        lastShown = now;
        sink.accept("after " + (now - started) / 1_000_000_000L + "s, " + lines + " lines: " + ProgressLine.of(line));
    }
}
