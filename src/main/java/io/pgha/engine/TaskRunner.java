package io.pgha.engine;

import io.pgha.core.Booleans;
import io.pgha.core.Secrets;
import io.pgha.modules.FileDiff;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleRegistry;
import io.pgha.modules.ModuleResult;
import io.pgha.playbook.Play;
import io.pgha.playbook.Task;
import io.pgha.template.ExpressionException;
import io.pgha.template.Expressions;
import io.pgha.template.VarsModel;
import io.pgha.transport.TransportException;
import io.pgha.transport.UnreachableException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one task on one host: when, loop, argument rendering, the module with retries/until,
 * changed_when/failed_when, register, notify. Never throws: every outcome is a HostTaskResult.
 */
final class TaskRunner {
    private final ModuleRegistry modules;
    private final Expressions expressions;
    private final HostConnections connections;
    private final Map<String, HostRun> hosts;
    private final RunOptions options;
    private final RunListener listener;
    private final Secrets secrets;
    private final Path baseDir;

    TaskRunner(ModuleRegistry modules, Expressions expressions, HostConnections connections, Map<String, HostRun> hosts,
               RunOptions options, RunListener listener, Secrets secrets, Path baseDir) {
        this.modules = modules;
        this.expressions = expressions;
        this.connections = connections;
        this.hosts = hosts;
        this.options = options;
        this.listener = listener;
        this.secrets = secrets;
        this.baseDir = baseDir;
    }

    HostTaskResult run(HostRun host, Task task, Play play) {
        long t0 = System.nanoTime();
        String where = where(task);
        try {
            Outcome o = task.loop() == null ? runOnce(host, task, play, Map.of(), where) : runLoop(host, task, play, where);
            return finish(host, task, o, t0);
        } catch (UnreachableException e) {
            host.unreachable = true;
            return new HostTaskResult(host.name, HostStatus.UNREACHABLE, e.getMessage(), since(t0), List.of(), false, Map.of());
        } catch (HostRun.FactsUnavailableException e) {
            if (e.cause instanceof UnreachableException) host.unreachable = true;
            return new HostTaskResult(host.name, host.unreachable ? HostStatus.UNREACHABLE : HostStatus.FAILED,
                    e.getMessage(), since(t0), List.of(), false, Map.of());
        } catch (ExpressionException e) {
            return failure(host, task, e.getMessage(), t0);
        } catch (TransportException e) {
            return failure(host, task, e.getMessage(), t0);
        } catch (RuntimeException e) {
            return failure(host, task, task.module() + " failed on " + host.name + ": " + e, t0);
        }
    }

    private HostTaskResult failure(HostRun host, Task task, String msg, long t0) {
        boolean ignored = task.ignoreErrors();
        if (!ignored) host.failed = true;
        return new HostTaskResult(host.name, HostStatus.FAILED, msg, since(t0), List.of(), ignored, Map.of());
    }

    /** The result of running the module (once, or folded over loop items). */
    private record Outcome(HostStatus status, String msg, List<FileDiff> diffs, Map<String, Object> data) {}

    private Outcome runLoop(HostRun host, Task task, Play play, String where) throws TransportException {
        List<?> items = loopItems(host, task, where);
        List<Map<String, Object>> results = new ArrayList<>();
        List<FileDiff> diffs = new ArrayList<>();
        boolean changed = false, failed = false, allSkipped = !items.isEmpty();
        String failMsg = null;
        for (Object item : items) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("item", item);
            Outcome o = runOnce(host, task, play, layer, where + " (item " + label(item) + ")");
            Map<String, Object> r = new LinkedHashMap<>(o.data());
            r.put("item", item);
            results.add(r);
            diffs.addAll(o.diffs());
            changed |= o.status() == HostStatus.CHANGED;
            allSkipped &= o.status() == HostStatus.SKIPPED;
            if (o.status() == HostStatus.FAILED) {
                failed = true;
                if (failMsg == null) failMsg = "item " + label(item) + ": " + o.msg();
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("results", results);
        data.put("changed", changed);
        data.put("failed", failed);
        HostStatus status = failed ? HostStatus.FAILED : changed ? HostStatus.CHANGED
                : allSkipped ? HostStatus.SKIPPED : HostStatus.OK;
        String msg = failed ? failMsg : items.size() + " item(s)";
        return new Outcome(status, msg, diffs, data);
    }

    private List<?> loopItems(HostRun host, Task task, String where) {
        Object loop = task.loop();
        VarsModel model = host.model(task.vars(), expressions);
        Object v = loop instanceof String s ? expressions.renderValue(s.contains("${") ? s : "${" + s + "}", model, where + " loop") : loop;
        if (v instanceof List<?> l) {
            List<Object> rendered = new ArrayList<>(l.size());
            for (Object item : l) rendered.add(item instanceof String s ? expressions.renderValue(s, model, where + " loop") : item);
            return rendered;
        }
        throw new ExpressionException(where + ": loop must be a list, got " + (v == null ? "nothing" : "'" + v + "'"));
    }

    private static String label(Object item) {
        String s = String.valueOf(item);
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private Outcome runOnce(HostRun host, Task task, Play play, Map<String, Object> loopLayer, String where)
            throws TransportException {
        Map<String, Object> layer = new LinkedHashMap<>(task.vars());
        layer.putAll(loopLayer);
        VarsModel model = host.model(layer, expressions);
        for (String cond : task.when()) {
            if (!expressions.test(cond, model, where + " when")) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("skipped", true);
                data.put("changed", false);
                return new Outcome(HostStatus.SKIPPED, "when: " + cond, List.of(), data);
            }
        }
        Module module = modules.get(task.module());
        HostRun target = task.delegateTo() == null ? host : delegate(task, model, where);
        boolean become = task.become() != null ? task.become()
                : play.become() != null ? play.become() : truthy(model.resolve("ansible_become"));
        String becomeUser = task.becomeUser() != null ? task.becomeUser()
                : play.becomeUser() != null ? play.becomeUser() : (String) asString(model.resolve("ansible_become_user"));
        if (becomeUser != null && Expressions.isTemplated(becomeUser)) {
            becomeUser = expressions.render(becomeUser, model, where + " become_user");
        }
        EngineModuleContext ctx = new EngineModuleContext(host, target, connections, model, expressions, become,
                becomeUser, options.check(), options.diff(), baseDir, listener, secrets, where);

        int attempts = task.until() != null ? Math.max(1, task.retries() == 0 ? 3 : task.retries()) + 1 : 1;
        ModuleResult result = null;
        Map<String, Object> registered = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Map<String, Object> args = renderArgs(task, module, model, where);
            result = invoke(module, ctx, args, host, where);
            registered = registerValue(result);
            if (task.until() == null) break;
            Map<String, Object> withResult = new LinkedHashMap<>(layer);
            if (task.register() != null) withResult.put(task.register(), registered);
            if (expressions.test(task.until(), host.model(withResult, expressions), where + " until")) break;
            if (attempt < attempts) {
                listener.progress(host.name, "retrying (" + attempt + "/" + (attempts - 1) + "): " + task.displayName());
                sleep(task.delay() == null ? Duration.ofSeconds(5) : task.delay());
            } else {
                result = result.withStatus(ModuleResult.Status.FAILED)
                        .withMsg("until '" + task.until() + "' still false after " + (attempts - 1) + " retries");
                registered = registerValue(result);
            }
        }
        HostStatus status = switch (result.status()) {
            case OK -> HostStatus.OK;
            case CHANGED -> HostStatus.CHANGED;
            case FAILED -> HostStatus.FAILED;
            case SKIPPED -> HostStatus.SKIPPED;
        };
        // changed_when / failed_when see the registered value under its name.
        if (task.changedWhen() != null || task.failedWhen() != null) {
            Map<String, Object> withResult = new LinkedHashMap<>(layer);
            if (task.register() != null) withResult.put(task.register(), registered);
            withResult.putIfAbsent("result", registered);
            VarsModel m = host.model(withResult, expressions);
            if (task.changedWhen() != null && status != HostStatus.FAILED && status != HostStatus.SKIPPED) {
                status = expressions.test(task.changedWhen(), m, where + " changed_when") ? HostStatus.CHANGED : HostStatus.OK;
            }
            if (task.failedWhen() != null && status != HostStatus.SKIPPED) {
                boolean fail = expressions.test(task.failedWhen(), m, where + " failed_when");
                if (fail) status = HostStatus.FAILED;
                else if (status == HostStatus.FAILED) status = HostStatus.OK;
            }
            registered.put("changed", status == HostStatus.CHANGED);
            registered.put("failed", status == HostStatus.FAILED);
        }
        if (!result.facts().isEmpty()) host.setAll(result.facts());
        String msg = result.msg();
        if (status == HostStatus.FAILED && (msg == null || msg.isBlank())) msg = "failed_when '" + task.failedWhen() + "' is true";
        return new Outcome(status, msg, result.diffs(), registered);
    }

    private HostRun delegate(Task task, VarsModel model, String where) {
        String name = expressions.render(task.delegateTo(), model, where + " delegate_to");
        HostRun h = hosts.get(name);
        if (h == null) throw new ExpressionException(where + ": delegate_to '" + name + "' is not a host of this run");
        return h;
    }

    private ModuleResult invoke(Module module, EngineModuleContext ctx, Map<String, Object> args, HostRun host, String where)
            throws TransportException {
        try {
            return module.run(ctx, args);
        } catch (TransportException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            return ModuleResult.failed(module.name() + " on " + host.name + ": " + e.getMessage());
        }
    }

    /** Renders ${...} in arguments, except those the module evaluates itself (raw expressions). */
    private Map<String, Object> renderArgs(Task task, Module module, VarsModel model, String where) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : task.args().entrySet()) {
            String key = e.getKey();
            out.put(key, module.spec().isRawExpression(key) ? e.getValue() : renderDeep(e.getValue(), model, where + " " + key));
        }
        return out;
    }

    private Object renderDeep(Object v, VarsModel model, String where) {
        if (v instanceof String s) return expressions.renderValue(s, model, where);
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), renderDeep(val, model, where)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) out.add(renderDeep(o, model, where));
            return out;
        }
        return v;
    }

    private static Map<String, Object> registerValue(ModuleResult r) {
        Map<String, Object> d = new LinkedHashMap<>(r.data());
        d.put("changed", r.changed());
        d.put("failed", r.failed());
        d.put("skipped", r.status() == ModuleResult.Status.SKIPPED);
        if (r.msg() != null) d.putIfAbsent("msg", r.msg());
        return d;
    }

    private HostTaskResult finish(HostRun host, Task task, Outcome o, long t0) {
        if (task.register() != null) host.set(task.register(), o.data());
        boolean ignored = o.status() == HostStatus.FAILED && task.ignoreErrors();
        if (o.status() == HostStatus.FAILED && !ignored) host.failed = true;
        if (o.status() == HostStatus.CHANGED) host.notified.addAll(task.notifies());
        String msg = task.noLog() ? (o.status() == HostStatus.FAILED ? "failed (output hidden: no_log)" : null) : o.msg();
        return new HostTaskResult(host.name, o.status(), msg, since(t0), task.noLog() ? List.of() : o.diffs(), ignored,
                task.noLog() ? Map.of() : o.data());
    }

    static boolean truthy(Object v) { return Booleans.truthy(v); }

    private static Object asString(Object v) { return v == null ? null : String.valueOf(v); }

    static String where(Task task) {
        return "task '" + task.displayName() + "' (" + task.location() + ")";
    }

    private static Duration since(long t0) { return Duration.ofNanos(System.nanoTime() - t0); }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
