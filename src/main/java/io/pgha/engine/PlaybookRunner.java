package io.pgha.engine;

import io.pgha.core.Secrets;
import io.pgha.core.SourceLocation;
import io.pgha.inventory.Host;
import io.pgha.inventory.Inventory;
import io.pgha.modules.ModuleRegistry;
import io.pgha.playbook.Play;
import io.pgha.playbook.Playbook;
import io.pgha.playbook.Task;
import io.pgha.template.Expressions;
import io.pgha.transport.Connector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a playbook: plays in order; in each play, hosts in parallel (bounded by forks) and tasks in
 * order (linear: every host finishes a task before the next starts). A failed host stops its own
 * tasks while the others go on (any_errors_fatal stops them all). A block's rescue: runs on the hosts
 * that failed in it, its always: on all of its hosts. Handlers run at the end of the play, or at
 * meta: flush_handlers, once per notified host. Input is checked (Preflight) before any host is
 * contacted.
 */
public final class PlaybookRunner {
    private final ModuleRegistry modules;
    private final Connector connector;
    private final Expressions expressions;
    private final Secrets secrets;

    public PlaybookRunner(ModuleRegistry modules, Connector connector, Expressions expressions, Secrets secrets) {
        this.modules = modules;
        this.connector = connector;
        this.expressions = expressions;
        this.secrets = secrets;
    }

    /** On connections of its own, closed at the end. */
    public Recap run(Playbook playbook, Inventory inventory, RunOptions options, RunListener output) {
        try (ClusterHosts own = new ClusterHosts(connector, inventory, options.acceptNewHostKeys(), secrets, output)) {
            return run(playbook, inventory, options, output, own);
        }
    }

    /** On the operation's connections (the same ones its status, plan and verification use), left open. */
    public Recap run(Playbook playbook, Inventory inventory, RunOptions options, RunListener output, ClusterHosts clusterHosts) {
        long t0 = System.nanoTime();
        RunListener listener = new MaskingListener(output, secrets);
        Map<Play, List<String>> playHosts = new LinkedHashMap<>();
        for (Play play : playbook.plays()) playHosts.put(play, selectHosts(play, inventory, options));
        new Preflight(modules, expressions, inventory, options, playbook.baseDir()).check(playHosts);

        Recap recap = new Recap();
        Map<String, HostRun> hosts = new LinkedHashMap<>();
        HostConnections connections = clusterHosts.connections();
        Map<String, Object> magic = MagicVars.withExtraVars(options, inventory);
        for (Host h : inventory.hosts()) {
            hosts.put(h.name(), new HostRun(h.name(), options.defaultVars(), inventory.hostVars(h.name()),
                    magic, connections));
        }
        TaskRunner tasks = new TaskRunner(modules, expressions, connections, hosts, options, listener, secrets,
                playbook.baseDir());
        int forks = options.forks() > 0 ? options.forks() : Math.max(1, hosts.size());
        ExecutorService pool = Executors.newFixedThreadPool(forks, r -> {
            Thread t = new Thread(r, "pgha-host");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Map.Entry<Play, List<String>> e : playHosts.entrySet()) {
                boolean stop = runPlay(e.getKey(), e.getValue(), hosts, tasks, pool, options, listener, recap);
                if (stop) break;
            }
        } finally {
            pool.shutdownNow();
        }
        recap.took(Duration.ofNanos(System.nanoTime() - t0));
        listener.runFinished(recap);
        return recap;
    }

    private List<String> selectHosts(Play play, Inventory inventory, RunOptions options) {
        List<Host> selected = inventory.select(play.hosts(), play.location());
        if (options.limit() != null && !options.limit().isBlank()) {
            Set<String> limit = new LinkedHashSet<>();
            inventory.select(options.limit(), new SourceLocation("--limit", 0, 0)).forEach(h -> limit.add(h.name()));
            selected = selected.stream().filter(h -> limit.contains(h.name())).toList();
        }
        return selected.stream().map(Host::name).toList();
    }

    /** One batch of a play's hosts, and what running tasks on them takes. */
    private record Batch(Play play, List<HostRun> hosts, TaskRunner tasks, ExecutorService pool, RunOptions options,
                         RunListener listener, Recap recap) {}

    /** Returns true when the whole run must stop (any_errors_fatal). */
    private boolean runPlay(Play play, List<String> names, Map<String, HostRun> hosts, TaskRunner tasks,
                            ExecutorService pool, RunOptions options, RunListener listener, Recap recap) {
        listener.playStarted(play, names);
        int batch = play.serial() > 0 ? play.serial() : Math.max(1, names.size());
        for (int from = 0; from < names.size(); from += batch) {
            List<HostRun> batchHosts = new ArrayList<>();
            for (String n : names.subList(from, Math.min(names.size(), from + batch))) {
                HostRun h = hosts.get(n);
                h.startPlay(play.vars());
                batchHosts.add(h);
            }
            if (play.gatherFacts()) gatherFacts(play, batchHosts, pool, listener, recap);
            Batch b = new Batch(play, batchHosts, tasks, pool, options, listener, recap);
            if (runTasks(play.tasks(), batchHosts, b, false)) return true;
            runHandlers(b);
        }
        return false;
    }

    /**
     * Runs tasks and blocks in order on those of {@code hosts} still active; true when any_errors_fatal
     * stops the run. {@code rescued}: a failure here is handled by the rescue: of a block around it, so
     * it is neither fatal nor counted as the host's failure.
     */
    private boolean runTasks(List<Task> tasks, List<HostRun> hosts, Batch b, boolean rescued) {
        for (Task task : tasks) {
            if (task.block() != null) {
                if (runBlock(task, hosts, b, rescued)) return true;
            } else {
                if (!selectedByTags(task, b.play(), b.options())) continue;
                if (task.module().equals("meta")) {
                    runHandlers(b);
                    continue;
                }
                runTask(task, hosts, b, false, rescued);
            }
            if (b.play().anyErrorsFatal() && hosts.stream().anyMatch(h -> h.unreachable || (h.failed && !rescued))) {
                b.listener().warning("any_errors_fatal: a host failed, stopping every host");
                return true;
            }
            if (hosts.stream().noneMatch(HostRun::active)) break;
        }
        return false;
    }

    /**
     * A block with rescue: or always: (or a name), host by host as Ansible runs it: its tasks on the
     * hosts active when it starts; rescue: on those that failed in them (a host whose rescue succeeds is
     * no longer failed); always: on all of them whatever happened, after which a host still failed stays
     * failed. Unreachable hosts run neither. When any_errors_fatal stops the run inside the block, its
     * rescue: and always: still run before the run stops.
     */
    private boolean runBlock(Task block, List<HostRun> hosts, Batch b, boolean rescued) {
        if (!anySelected(List.of(block), b)) return false;
        List<HostRun> in = hosts.stream().filter(HostRun::active).toList();
        Task.Block sections = block.block();
        boolean rescue = anySelected(sections.rescue(), b);   // --tags may leave a block without its rescue, as Ansible
        boolean stop = section(block, "block", sections.tasks(), in, b, rescued || rescue);
        List<HostRun> failed = in.stream().filter(h -> h.failed && !h.unreachable).toList();
        if (rescue) {
            failed.forEach(h -> h.failed = false);
            stop |= section(block, "rescue", sections.rescue(), failed, b, rescued);
        }
        List<HostRun> stillFailed = in.stream().filter(h -> h.failed && !h.unreachable).toList();
        stillFailed.forEach(h -> h.failed = false);
        stop |= section(block, "always", sections.always(), in.stream().filter(h -> !h.unreachable).toList(), b, rescued);
        stillFailed.forEach(h -> h.failed = true);
        return stop;
    }

    private boolean section(Task block, String section, List<Task> tasks, List<HostRun> hosts, Batch b, boolean rescued) {
        if (hosts.isEmpty() || !anySelected(tasks, b)) return false;
        b.listener().blockStarted(block.name(), section, hosts.stream().map(h -> h.name).toList());
        return runTasks(tasks, hosts, b, rescued);
    }

    private void gatherFacts(Play play, List<HostRun> batch, ExecutorService pool, RunListener listener, Recap recap) {
        List<HostRun> active = batch.stream().filter(h -> h.active() && !h.factsGathered()).toList();
        if (active.isEmpty()) return;
        long t0 = System.nanoTime();
        listener.taskStarted("gather facts", null, false, active.stream().map(h -> h.name).toList());
        List<HostTaskResult> results = parallel(active, h -> {
            long s = System.nanoTime();
            try {
                h.facts();
                return new HostTaskResult(h.name, HostStatus.OK, null, Duration.ofNanos(System.nanoTime() - s), List.of(), false, Map.of());
            } catch (io.pgha.transport.UnreachableException e) {
                h.unreachable = true;
                return new HostTaskResult(h.name, HostStatus.UNREACHABLE, e.getMessage(), Duration.ofNanos(System.nanoTime() - s), List.of(), false, Map.of());
            } catch (io.pgha.transport.TransportException e) {
                h.failed = true;
                return new HostTaskResult(h.name, HostStatus.FAILED, e.getMessage(), Duration.ofNanos(System.nanoTime() - s), List.of(), false, Map.of());
            }
        }, pool);
        for (HostTaskResult r : results) recap.count(r, "gather facts", secrets);
        listener.taskFinished("gather facts", null, results, Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * The task's name with its ${...} filled in from the first host's variables (like Ansible, one
     * name per task line), or as written when it cannot be rendered (a loop item, a later register).
     */
    private String displayName(Task task, HostRun first) {
        String raw = task.displayName();
        if (!Expressions.isTemplated(raw)) return raw;
        try {
            return expressions.render(raw, first.model(task.vars(), expressions), TaskRunner.where(task));
        } catch (RuntimeException e) {
            return raw;
        }
    }

    /** {@code rescued}: a failure is handled by a block's rescue: (counted as ok, not as the host's failure). */
    private void runTask(Task task, List<HostRun> hosts, Batch b, boolean handler, boolean rescued) {
        List<HostRun> active = hosts.stream().filter(HostRun::active).toList();
        if (active.isEmpty()) return;
        long t0 = System.nanoTime();
        String name = displayName(task, active.get(0));
        List<HostRun> runOn = task.runOnce() ? List.of(active.get(0)) : active;
        b.listener().taskStarted(name, task, handler, runOn.stream().map(h -> h.name).toList());
        List<HostTaskResult> results = parallel(runOn, h -> b.tasks().run(h, task, b.play()), b.pool());
        if (task.runOnce() && task.register() != null) {
            // run_once: every host of the batch sees the one result.
            Object value = runOn.get(0).snapshot(Map.of()).get(task.register());
            for (HostRun h : active) if (value != null) h.set(task.register(), value);
        }
        for (HostTaskResult r : results) b.recap().count(r, name, secrets, rescued);
        b.listener().taskFinished(name, task, results, Duration.ofNanos(System.nanoTime() - t0));
    }

    private void runHandlers(Batch b) {
        // Every handler that answers a notification runs (several may listen to one topic), each once,
        // in the order they are written; the notifications are consumed after the last one.
        Map<HostRun, Set<String>> consumed = new LinkedHashMap<>();
        for (Task handler : b.play().handlers()) {
            Set<String> names = new LinkedHashSet<>();
            if (handler.name() != null) names.add(handler.name());
            names.addAll(handler.listen());
            List<HostRun> notified = b.hosts().stream().filter(h -> h.active() && names.stream().anyMatch(h.notified::contains)).toList();
            if (notified.isEmpty()) continue;
            runTask(handler, notified, b, true, false);
            notified.forEach(h -> consumed.computeIfAbsent(h, k -> new LinkedHashSet<>()).addAll(names));
        }
        consumed.forEach((h, names) -> h.notified.removeAll(names));
    }

    private static boolean anySelected(List<Task> tasks, Batch b) {
        return Task.leaves(tasks).stream().anyMatch(t -> selectedByTags(t, b.play(), b.options()));
    }

    private static boolean selectedByTags(Task task, Play play, RunOptions options) {
        Set<String> tags = new LinkedHashSet<>(task.tags());
        tags.addAll(play.tags());
        if (tags.stream().anyMatch(options.skipTags()::contains)) return false;
        if (options.tags().isEmpty() || tags.contains("always")) return true;
        return tags.stream().anyMatch(options.tags()::contains);
    }

    private interface HostWork { HostTaskResult run(HostRun h) throws Exception; }

    private static List<HostTaskResult> parallel(List<HostRun> hosts, HostWork work, ExecutorService pool) {
        List<Future<HostTaskResult>> futures = new ArrayList<>();
        for (HostRun h : hosts) futures.add(pool.submit(() -> work.run(h)));
        List<HostTaskResult> out = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                out.add(futures.get(i).get());
            } catch (ExecutionException e) {
                HostRun h = hosts.get(i);
                h.failed = true;
                out.add(new HostTaskResult(h.name, HostStatus.FAILED, "internal error: " + e.getCause(), Duration.ZERO, List.of(), false, Map.of()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return out;
    }
}
