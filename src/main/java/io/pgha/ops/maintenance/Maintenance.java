package io.pgha.ops.maintenance;

import io.pgha.core.ExitCodes;
import io.pgha.engine.Recap;
import io.pgha.engine.RunListener;
import io.pgha.engine.RunOptions;
import io.pgha.ops.ClusterSession;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Stage;
import io.pgha.ops.Toolkit;
import io.pgha.ops.status.StatusReport;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maintenance mode, on every node of the cluster at once (playbooks/maintenance.yml): while it is on,
 * no automatic failover (the health check does not report failures to keepalived, the promotion guard
 * refuses), and pgha status shows it; off restores the normal checks.
 */
public final class Maintenance {
    public static final String PLAYBOOK = "maintenance.yml";
    /** What maintenance.yml reads: on or off, and the mark written for on (its time and reason). */
    public static final String STATE = "pgha_maintenance", MARK = "pgha_maintenance_mark";
    private static final Pattern REASON = Pattern.compile("[\\x20-\\x7e]{0,200}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** @param status the cluster afterwards (null where it did not get that far) */
    public record Outcome(Stage stage, int exitCode, String message, Recap recap, StatusReport status) {}

    private final Toolkit kit;
    private final ProjectLayout layout;

    public Maintenance(Toolkit kit, ProjectLayout layout) {
        this.kit = kit;
        this.layout = layout;
    }

    /** @param reason printable ASCII, at most 200 characters (it is shown by pgha status and logged by the guard) */
    public Outcome run(Path inventoryPath, boolean on, String reason, RunOptions options, RunListener listener) {
        String why = reason == null ? "" : reason;
        if (!REASON.matcher(why).matches()) {
            return new Outcome(Stage.REFUSED, ExitCodes.BAD_INPUT, "--reason: printable ASCII on one line, at most 200 characters", null, null);
        }
        try (ClusterSession session = ClusterSession.open(kit, layout, inventoryPath, options, listener)) {
            String mark = LocalDateTime.now().format(TIME) + (why.isEmpty() ? "" : " " + why);
            Recap recap = session.play(PLAYBOOK, Map.of(STATE, on ? "on" : "off", MARK, mark));
            if (recap.exitCode() != ExitCodes.OK) {
                return new Outcome(Stage.ofFailed(recap), recap.exitCode(), String.join("; ", recap.firstFailures().values())
                        + (on ? ": maintenance may be on on some nodes only; run it again" : ": run it again"), recap, null);
            }
            if (options.check()) return new Outcome(Stage.CHECKED, ExitCodes.OK, null, recap, null);
            return new Outcome(Stage.VERIFIED, ExitCodes.OK, null, recap, session.status());
        }
    }
}
