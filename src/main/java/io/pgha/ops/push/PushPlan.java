package io.pgha.ops.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a config push will do to PostgreSQL on each node, decided before anything is written.
 *
 * @param changes       each node's changed postgresql.conf settings (empty: the file's settings stay)
 * @param restartFirst  nodes restarted first (standbys, unless a hot-standby minimum goes down)
 * @param restartThen   nodes restarted after them
 * @param handOverFrom  the primary whose restart is a switchover instead (its standby, restarted first, takes
 *                      over and it restarts as that standby's standby); null: every restart is in place
 */
public record PushPlan(Map<String, List<SettingChange>> changes, List<String> restartFirst, List<String> restartThen,
                       String handOverFrom) {
    public PushPlan(Map<String, List<SettingChange>> changes, List<String> restartFirst, List<String> restartThen) {
        this(changes, restartFirst, restartThen, null);
    }

    public boolean restarts() { return !restartFirst.isEmpty() || !restartThen.isEmpty() || handOverFrom != null; }

    public boolean restartsInPlace(String host) { return restartFirst.contains(host) || restartThen.contains(host); }

    /** The same changes with the primary's restart replaced by a switchover: the other nodes restart first, alone. */
    PushPlan viaSwitchover(String primary) {
        List<String> others = new ArrayList<>(restartFirst);
        others.addAll(restartThen);
        others.remove(primary);
        return new PushPlan(changes, List.copyOf(others), List.of(), primary);
    }
}
