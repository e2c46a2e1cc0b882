package io.pgha.ops.push;

import java.util.List;
import java.util.Map;

/**
 * What a config push will do to PostgreSQL on each node, decided before anything is written.
 *
 * @param changes       each node's changed postgresql.conf settings (empty: the file's settings stay)
 * @param restartFirst  nodes restarted first (standbys, unless a hot-standby minimum goes down)
 * @param restartThen   nodes restarted after them
 */
public record PushPlan(Map<String, List<SettingChange>> changes, List<String> restartFirst, List<String> restartThen) {
    public boolean restarts() { return !restartFirst.isEmpty() || !restartThen.isEmpty(); }
}
