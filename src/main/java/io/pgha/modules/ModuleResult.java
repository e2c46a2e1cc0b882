package io.pgha.modules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a module did on one host.
 *
 * @param status  OK (nothing to do), CHANGED, FAILED or SKIPPED
 * @param msg     short human text (failure reason, or what changed)
 * @param data    values for 'register' (rc, stdout, stderr, stdout_lines, path, ...); 'changed' and
 *                'failed' are added by the engine
 * @param diffs   file diffs for --diff (secrets are masked by the output layer)
 * @param facts   variables to set on the host for the rest of the run (set_fact, gathered values)
 */
public record ModuleResult(Status status, String msg, Map<String, Object> data, List<FileDiff> diffs,
                           Map<String, Object> facts) {

    public enum Status { OK, CHANGED, FAILED, SKIPPED }

    public static ModuleResult ok(String msg) { return new ModuleResult(Status.OK, msg, new LinkedHashMap<>(), List.of(), Map.of()); }
    public static ModuleResult changed(String msg) { return new ModuleResult(Status.CHANGED, msg, new LinkedHashMap<>(), List.of(), Map.of()); }
    public static ModuleResult failed(String msg) { return new ModuleResult(Status.FAILED, msg, new LinkedHashMap<>(), List.of(), Map.of()); }
    public static ModuleResult skipped(String msg) { return new ModuleResult(Status.SKIPPED, msg, new LinkedHashMap<>(), List.of(), Map.of()); }
    /** CHANGED when changed is true, OK otherwise. */
    public static ModuleResult of(boolean changed, String msg) { return changed ? changed(msg) : ok(msg); }

    public boolean changed() { return status == Status.CHANGED; }
    public boolean failed() { return status == Status.FAILED; }

    public ModuleResult withData(String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.put(key, value);
        return new ModuleResult(status, msg, d, diffs, facts);
    }

    public ModuleResult withData(Map<String, Object> more) {
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.putAll(more);
        return new ModuleResult(status, msg, d, diffs, facts);
    }

    public ModuleResult withDiff(FileDiff diff) {
        List<FileDiff> ds = new java.util.ArrayList<>(diffs);
        ds.add(diff);
        return new ModuleResult(status, msg, data, List.copyOf(ds), facts);
    }

    public ModuleResult withFacts(Map<String, Object> f) {
        return new ModuleResult(status, msg, data, diffs, Map.copyOf(f));
    }

    public ModuleResult withStatus(Status s) { return new ModuleResult(s, msg, data, diffs, facts); }
    public ModuleResult withMsg(String m) { return new ModuleResult(status, m, data, diffs, facts); }
}
