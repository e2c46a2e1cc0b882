package io.pgha.ops.verify;

import io.pgha.engine.ClusterHosts;
import io.pgha.inventory.Host;
import io.pgha.inventory.Inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a cluster on an operation's connections: what bootstrap runs last, what `pgha verify` runs
 * alone, and what any later job (config push, rejoin) runs after itself.
 */
public final class ClusterVerification {
    /** The check name of a report whose nodes could not be reached at all. */
    public static final String SSH_CHECK = "ssh";

    private ClusterVerification() {}

    public static VerifyReport verify(Inventory inventory, VerifyTarget target, ClusterHosts hosts) {
        List<Check> unreachable = new ArrayList<>();
        for (Host h : inventory.hosts()) {
            if (hosts.get(h.name()) == null) unreachable.add(Check.fail(SSH_CHECK, h.name(), hosts.failure(h.name())));
        }
        if (!unreachable.isEmpty()) return new VerifyReport(unreachable, 0);
        return new ReplicationVerifier(hosts::get).verify(target);
    }

    /** True when the report failed only because a node could not be reached. */
    public static boolean unreachable(VerifyReport r) {
        return r.checks().stream().anyMatch(c -> !c.passed() && c.name().equals(SSH_CHECK));
    }
}
