package io.pgha.ops.verify;

import io.pgha.inventory.Host;
import io.pgha.inventory.Inventory;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.NodeSessions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verifies a cluster on its own SSH sessions (opened at once, closed at the end): what bootstrap runs last, what
 * `pgha verify` runs alone, and what any later job (config push, drill, rejoin) can run after itself.
 */
public final class ClusterVerification {
    /** The check name of a report whose nodes could not be reached at all. */
    public static final String SSH_CHECK = "ssh";

    private final Toolkit kit;
    private final ProjectLayout layout;

    public ClusterVerification(Toolkit kit, ProjectLayout layout) {
        this.kit = kit;
        this.layout = layout;
    }

    public VerifyReport verify(Inventory inventory, Map<String, Object> defaults, boolean acceptNewHostKeys) {
        return verify(inventory, defaults, Map.of(), acceptNewHostKeys);
    }

    /** With the run's extra vars (-e) on top, as the playbook that just ran saw them. */
    public VerifyReport verify(Inventory inventory, Map<String, Object> defaults, Map<String, Object> extraVars, boolean acceptNewHostKeys) {
        VerifyTarget target = VerifyTargets.from(inventory, defaults, extraVars, kit.expressions(layout.playbooks()));
        kit.secrets().register(target.password());
        try (NodeSessions sessions = NodeSessions.open(kit, inventory, acceptNewHostKeys)) {
            List<Check> unreachable = new ArrayList<>();
            for (Host h : inventory.hosts()) {
                if (sessions.get(h.name()) == null) unreachable.add(Check.fail(SSH_CHECK, h.name(), sessions.failure(h.name())));
            }
            if (!unreachable.isEmpty()) return new VerifyReport(unreachable, 0);
            return new ReplicationVerifier(sessions::get).verify(target);
        }
    }

    /** True when the report failed only because a node could not be reached. */
    public static boolean unreachable(VerifyReport r) {
        return r.checks().stream().anyMatch(c -> !c.passed() && c.name().equals(SSH_CHECK));
    }
}
