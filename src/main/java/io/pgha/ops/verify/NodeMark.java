package io.pgha.ops.verify;

import java.util.Locale;

/**
 * The marks on a node that pgha status reads, each by the variable that names its file in the state contract
 * (playbooks/vars/defaults.yml, "The state contract"), and each read by the clock rule the scripts use.
 */
public enum NodeMark {
    VRRP_STATE("pgha_vrrp_state_file", Clock.LINE),
    FENCED("pgha_fenced_file", Clock.LINE),
    REFUSED_WHY("pgha_refused_why_file", Clock.LINE),
    LEASE("pgha_lease_file", Clock.LINE),
    REPLICATION("pgha_sync_state_file", Clock.LINE),
    MAINTENANCE("pgha_maintenance_file", Clock.LINE),
    RESTART_HOLD("pgha_restart_hold_file", Clock.UPTIME),
    CRASH_RESTART("pgha_crash_restart_file", Clock.UPTIME),
    FENCE_CHECK("pgha_fence_check_file", Clock.LINE);

    /** How a mark is read: its first line, or its age on the node's uptime clock. */
    public enum Clock {
        /** The first line of the file, as it is. */
        LINE,
        /** Whole seconds since the uptime (1/100 s) the file holds; a value above the uptime now is from before a reboot: absent. */
        UPTIME
    }

    private final String variable;
    private final Clock clock;

    NodeMark(String variable, Clock clock) {
        this.variable = variable;
        this.clock = clock;
    }

    /** The contract's variable naming the mark's file on the node. */
    public String variable() { return variable; }

    public Clock clock() { return clock; }

    /** The key of the mark in a probe's output ("restart_hold=4"). */
    public String key() { return name().toLowerCase(Locale.ROOT); }
}
