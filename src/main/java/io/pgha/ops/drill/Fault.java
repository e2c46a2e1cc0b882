package io.pgha.ops.drill;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a drill does to a node, and how it brings the node back afterwards the way a careless operator
 * or a reboot would (the after-phase: a fenced node must stay read-only through it).
 */
public enum Fault {
    /** The article's own drill: PostgreSQL stopped on the primary (a clean, fast shutdown). */
    STOP_POSTGRESQL("stop-postgresql", Victim.PRIMARY, "PostgreSQL stopped on the primary", "PostgreSQL started again"),
    /** The postmaster killed with SIGKILL: no shutdown checkpoint, WAL not all sent. */
    KILL_POSTGRESQL("kill-postgresql", Victim.PRIMARY, "the primary's postmaster killed (SIGKILL)", "PostgreSQL started again"),
    /** The article's known problem 3: keepalived stops while PostgreSQL runs. */
    STOP_KEEPALIVED("stop-keepalived", Victim.PRIMARY, "keepalived stopped on the primary, PostgreSQL left running",
            "keepalived started again"),
    /** Power lost: on the lab the container is killed, on real hosts a crash reboot (--allow-host-down). */
    HOST_DOWN("host-down", Victim.PRIMARY, "the primary's host powered off", "the host booted again"),
    /** The primary cut off from every peer and client (lab: its network disconnected). */
    ISOLATE("isolate", Victim.PRIMARY, "the primary cut off from the network", "the network healed"),
    /** The two nodes cannot reach each other (VRRP and TCP dropped on the primary); clients reach both. */
    PARTITION("partition", Victim.PRIMARY, "the two nodes cut off from each other, clients still reach both",
            "the link between them healed"),
    /** Fencing must not overreach: the standby's host powered off, the primary must stay primary. */
    STANDBY_DOWN("standby-down", Victim.STANDBY, "the standby's host powered off", "the host booted again");

    /** Which node the fault hits. */
    public enum Victim { PRIMARY, STANDBY }

    private final String option;
    private final Victim victim;
    private final String description;
    private final String healDescription;

    Fault(String option, Victim victim, String description, String healDescription) {
        this.option = option;
        this.victim = victim;
        this.description = description;
        this.healDescription = healDescription;
    }

    public String option() { return option; }
    public Victim victim() { return victim; }
    public String description() { return description; }
    public String healDescription() { return healDescription; }

    /** Needs power or network control of the node (the lab's engine, or for power on real hosts --allow-host-down). */
    public boolean powersOff() { return this == HOST_DOWN || this == STANDBY_DOWN; }

    /**
     * The primary's writes through the VIP must fail for a while: the VIP moves or the primary stops.
     * A drill of such a fault that saw no failed write did not inject it (the partition leaves the
     * primary serving by design, and the standby's loss must not touch it).
     */
    public boolean interruptsWrites() { return victim == Victim.PRIMARY && this != PARTITION; }

    public static Fault of(String option) {
        for (Fault f : values()) if (f.option.equals(option)) return f;
        throw new IllegalArgumentException("unknown fault '" + option + "' (" + options() + ")");
    }

    public static String options() {
        return Arrays.stream(values()).map(Fault::option).collect(Collectors.joining(", "));
    }
}
