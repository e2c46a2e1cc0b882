package io.pgha.playbook;

import io.pgha.core.SourceLocation;
import io.pgha.core.YamlNodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keywords an {@code import_tasks} or a block gives every task under it (for a block: in block,
 * rescue and always, nested blocks included). Its {@code when} is checked before the task's own, its
 * {@code tags} are added to the task's, its {@code vars} sit under the task's own; {@code become},
 * {@code become_user}, {@code ignore_errors}, {@code delegate_to}, {@code run_once} and {@code no_log}
 * apply where neither the task nor a block nearer to it sets them.
 */
final class Inherited {
    /** The keywords a task (or a nearer block) that sets them keeps its own value of. */
    static final List<String> DEFAULTS = List.of("become", "become_user", "ignore_errors", "delegate_to", "run_once", "no_log");

    private final List<String> when;
    private final List<String> tags;
    private final Map<String, Object> vars;
    /** The DEFAULTS the import or block wrote, keyword to value (Boolean, or String for become_user and delegate_to). */
    private final Map<String, Object> defaults = new LinkedHashMap<>();
    /** Where the import or block wrote its when and each of its defaults. */
    private final Map<String, SourceLocation> at = new LinkedHashMap<>();

    /** From the keywords of an import_tasks or block entry (the caller has refused those it does not take). */
    Inherited(YamlNodes doc, Map<String, YamlNodes.Entry> keys) {
        Values values = new Values(doc);
        when = values.conditions(TaskParser.node(keys, "when"), "when");
        tags = values.tags(TaskParser.node(keys, "tags"), "tags");
        vars = keys.containsKey("vars") ? doc.toJavaMap(keys.get("vars").value(), "vars", null) : Map.of();
        for (String k : DEFAULTS) {
            YamlNodes.Entry e = keys.get(k);
            if (e == null) continue;
            Object v = k.equals("become_user") || k.equals("delegate_to") ? values.string(e.value(), k) : values.boolOrNull(e.value(), k);
            if (v != null) defaults.put(k, v);
        }
        for (String k : keys.keySet()) {
            if (k.equals("when") || defaults.containsKey(k)) at.put(k, TaskParser.valueOrKey(doc, keys.get(k)));
        }
    }

    List<Task> applyTo(List<Task> tasks) {
        return tasks.stream().map(this::applyTo).toList();
    }

    /** The task with these keywords; a block: itself and the tasks of its sections. */
    Task applyTo(Task t) {
        List<String> allWhen = new ArrayList<>(when);
        allWhen.addAll(t.when());
        Set<String> allTags = new LinkedHashSet<>(tags);
        allTags.addAll(t.tags());
        Map<String, Object> allVars = new LinkedHashMap<>(vars);
        allVars.putAll(t.vars());
        Map<String, SourceLocation> locations = new LinkedHashMap<>(t.argLocations());
        at.forEach(locations::putIfAbsent);
        return new Task(t.name(), t.module(), t.args(), allWhen, t.register(), t.notifies(), t.changedWhen(), t.failedWhen(),
                pick(t, "ignore_errors", t.ignoreErrors()), t.retries(), t.until(), t.delay(), new ArrayList<>(allTags),
                pick(t, "run_once", t.runOnce()), pick(t, "delegate_to", t.delegateTo()), t.loop(),
                pick(t, "become", t.become()), pick(t, "become_user", t.becomeUser()), allVars,
                pick(t, "no_log", t.noLog()), t.listen(), locations, t.location(),
                t.block() == null ? null : t.block().map(this::applyTo));
    }

    /** The task's own value when it wrote the keyword (its locations say so), else this one's, else the task's default. */
    @SuppressWarnings("unchecked")
    private <T> T pick(Task t, String keyword, T own) {
        if (t.argLocations().containsKey(keyword) || !defaults.containsKey(keyword)) return own;
        return (T) defaults.get(keyword);
    }
}
