package io.pgha.modules.support;

import java.util.function.Consumer;

/**
 * Progress of a long command (a compile, a base backup) from its output lines, without flooding the
 * console: at most one line per interval, "after 42s: <the latest output line>". Quick commands
 * (done before the first interval) show nothing.
 */
public final class ThrottledProgress implements Consumer<String> {
    private final Consumer<String> sink;
    private final long intervalNanos;
    private final long started = System.nanoTime();
    private long lastShown = started;
    private long lines;

    public ThrottledProgress(Consumer<String> sink, long intervalMillis) {
        this.sink = sink;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    @Override
    public synchronized void accept(String line) {
        lines++;
        long now = System.nanoTime();
        if (line == null || line.isBlank() || now - lastShown < intervalNanos) return;
        lastShown = now;
        String text = line.strip();
        if (text.length() > 160) text = text.substring(0, 157) + "...";
        sink.accept("after " + (now - started) / 1_000_000_000L + "s, " + lines + " lines: " + text);
    }
}
