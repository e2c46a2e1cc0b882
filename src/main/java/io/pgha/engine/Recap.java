package io.pgha.engine;

import io.pgha.core.ExitCodes;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Per-host counts of a run and its wall time. */
public final class Recap {
    /** Counters for one host. */
    public static final class Counts {
        public int ok, changed, failed, skipped, unreachable, ignored;
    }

    private final Map<String, Counts> hosts = new LinkedHashMap<>();
    private Duration took = Duration.ZERO;

    synchronized Counts of(String host) { return hosts.computeIfAbsent(host, h -> new Counts()); }

    synchronized void count(HostTaskResult r) {
        Counts c = of(r.host());
        switch (r.status()) {
            case OK -> c.ok++;
            case CHANGED -> c.changed++;
            case SKIPPED -> c.skipped++;
            case UNREACHABLE -> c.unreachable++;
            case FAILED -> { if (r.ignored()) c.ignored++; else c.failed++; }
        }
    }

    void took(Duration d) { this.took = d; }

    public Duration took() { return took; }

    public synchronized Map<String, Counts> hosts() { return new LinkedHashMap<>(hosts); }

    public synchronized int totalChanged() { return hosts.values().stream().mapToInt(c -> c.changed).sum(); }

    /** 4 when a host was unreachable, 3 when a task failed, else 0. */
    public synchronized int exitCode() {
        if (hosts.values().stream().anyMatch(c -> c.unreachable > 0)) return ExitCodes.UNREACHABLE;
        if (hosts.values().stream().anyMatch(c -> c.failed > 0)) return ExitCodes.HOST_FAILED;
        return ExitCodes.OK;
    }
}
