package io.pgha.engine;

import io.pgha.core.ExitCodes;
import io.pgha.core.Secrets;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Per-host counts of a run, each host's first failure (masked) and the run's wall time. */
public final class Recap {
    /** Counters for one host. */
    public static final class Counts {
        public int ok, changed, failed, skipped, unreachable, ignored;
    }

    private final Map<String, Counts> hosts = new LinkedHashMap<>();
    private final Map<String, String> firstFailures = new LinkedHashMap<>();
    private Duration took = Duration.ZERO;

    synchronized Counts of(String host) { return hosts.computeIfAbsent(host, h -> new Counts()); }

    /** @param task the task's name as shown, for the first failure's message */
    void count(HostTaskResult r, String task, Secrets secrets) { count(r, task, secrets, false); }

    /**
     * @param rescued the task ran in a block with rescue:, which handles its failure: counted as ok (the
     *                recap has no "rescued" column), not as the host's failure
     */
    synchronized void count(HostTaskResult r, String task, Secrets secrets, boolean rescued) {
        boolean failed = r.status() == HostStatus.UNREACHABLE || (r.status() == HostStatus.FAILED && !r.ignored() && !rescued);
        if (failed) firstFailures.putIfAbsent(r.host(), secrets.mask(task + ": " + (r.msg() == null ? r.status().toString().toLowerCase() : r.msg())));
        Counts c = of(r.host());
        switch (r.status()) {
            case OK -> c.ok++;
            case CHANGED -> c.changed++;
            case SKIPPED -> c.skipped++;
            case UNREACHABLE -> c.unreachable++;
            case FAILED -> { if (r.ignored()) c.ignored++; else if (rescued) c.ok++; else c.failed++; }
        }
    }

    void took(Duration d) { this.took = d; }

    public Duration took() { return took; }

    public synchronized Map<String, Counts> hosts() { return new LinkedHashMap<>(hosts); }

    /** "task: message" of the first task that failed on (or could not reach) each host that had one, secrets masked. */
    public synchronized Map<String, String> firstFailures() { return new LinkedHashMap<>(firstFailures); }

    public synchronized int totalChanged() { return hosts.values().stream().mapToInt(c -> c.changed).sum(); }

    /** 4 when a host was unreachable, 3 when a task failed, else 0. */
    public synchronized int exitCode() {
        if (hosts.values().stream().anyMatch(c -> c.unreachable > 0)) return ExitCodes.UNREACHABLE;
        if (hosts.values().stream().anyMatch(c -> c.failed > 0)) return ExitCodes.HOST_FAILED;
        return ExitCodes.OK;
    }
}
