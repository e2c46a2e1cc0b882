package io.pgha.ops.drill;

/** What a drill does to the primary. */
public enum Fault {
    /** The article's own drill: PostgreSQL stopped on the primary (a clean, fast shutdown). */
    STOP_POSTGRESQL("stop-postgresql", "PostgreSQL stopped on the primary"),
    /** The article's known problem 3: keepalived stops while PostgreSQL runs (the promotion guard must refuse). */
    STOP_KEEPALIVED("stop-keepalived", "keepalived stopped on the primary, PostgreSQL left running");

    private final String option;
    private final String description;

    Fault(String option, String description) {
        this.option = option;
        this.description = description;
    }

    public String option() { return option; }
    public String description() { return description; }

    /** The root command that injects the fault, given the two service names. */
    public String command(String pgService, String kaService) {
        return "systemctl stop " + (this == STOP_POSTGRESQL ? pgService : kaService);
    }

    public static Fault of(String option) {
        for (Fault f : values()) if (f.option.equals(option)) return f;
        throw new IllegalArgumentException("unknown fault '" + option + "' (stop-postgresql or stop-keepalived)");
    }
}
