package io.pgha.ops.verify;

import io.pgha.inventory.Host;
import io.pgha.inventory.Inventory;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.transport.Connection;
import io.pgha.transport.TransportException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies a cluster on its own SSH sessions, closed at the end: what bootstrap runs last, what
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
        VerifyTarget target = VerifyTargets.from(inventory, defaults, kit.expressions(layout.playbooks()));
        kit.secrets().register(target.password());
        Map<String, Connection> open = new LinkedHashMap<>();
        try {
            for (Host h : inventory.hosts()) {
                open.put(h.name(), kit.connector().connect(inventory.connectionSpec(h.name(), acceptNewHostKeys)));
            }
            return new ReplicationVerifier(open::get).verify(target);
        } catch (TransportException e) {
            return new VerifyReport(List.of(Check.fail(SSH_CHECK, "-", e.getMessage())), 0);
        } finally {
            for (Connection c : open.values()) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // closing a session that is going away anyway
                }
            }
        }
    }

    /** True when the report failed only because a node could not be reached. */
    public static boolean unreachable(VerifyReport r) {
        return r.checks().stream().anyMatch(c -> !c.passed() && c.name().equals(SSH_CHECK));
    }
}
