package io.pgha.ops.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * In which order nodes restart. A hot standby refuses to run with a lower max_connections (and four
 * others) than its primary: raising one, the standbys restart first; lowering one, the primary does.
 * Pure logic.
 */
public final class RestartOrder {
    /** The settings a hot standby must have at least as high as its primary. */
    static final Set<String> STANDBY_MINIMUMS = Set.of("max_connections", "max_worker_processes", "max_wal_senders",
            "max_prepared_transactions", "max_locks_per_transaction");

    private RestartOrder() {}

    public static PushPlan plan(Map<String, List<SettingChange>> changes, String primary) {
        List<String> standbys = new ArrayList<>();
        boolean primaryRestarts = false;
        boolean lowered = false;
        for (Map.Entry<String, List<SettingChange>> e : changes.entrySet()) {
            if (e.getValue().stream().noneMatch(SettingChange::needsRestart)) continue;
            if (e.getKey().equals(primary)) primaryRestarts = true;
            else standbys.add(e.getKey());
            lowered |= e.getValue().stream().anyMatch(RestartOrder::lowersAMinimum);
        }
        List<String> primaryList = primaryRestarts ? List.of(primary) : List.of();
        return lowered ? new PushPlan(changes, primaryList, List.copyOf(standbys))
                : new PushPlan(changes, List.copyOf(standbys), primaryList);
    }

    /**
     * Why a switchover cannot stand in for the primary's restart, or null. Lowering a hot-standby minimum,
     * the primary must run the lower value before any standby does: the standby restarted first would
     * refuse to run below its primary, and so would the old primary restarting as a standby of the old value.
     */
    static String whyNotBySwitchover(PushPlan plan) {
        List<String> lowered = new ArrayList<>();
        plan.changes().forEach((host, changes) -> changes.stream().filter(RestartOrder::lowersAMinimum)
                .forEach(c -> lowered.add(c.name() + " " + c.before() + " -> " + c.after() + " on " + host)));
        if (lowered.isEmpty()) return null;
        return String.join(", ", lowered) + ": a hot standby cannot run with less than its primary, so the primary must"
                + " restart with the lower value first; push without --primary-update switchover (writes pause for the"
                + " primary's restart)";
    }

    static boolean lowersAMinimum(SettingChange c) {
        if (!STANDBY_MINIMUMS.contains(c.name())) return false;
        Long before = number(c.before());
        Long after = number(c.after());
        // unset means the built-in default, which is at most what pgha renders: treat as unknown, not lowered
        return before != null && after != null && after < before;
    }

    private static Long number(String v) {
        try {
            return v == null ? null : Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
