package io.pgha.ops.status;

import io.pgha.inventory.Host;
import io.pgha.inventory.Inventory;
import io.pgha.ops.NodeSessions;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.verify.VerifyTarget;
import io.pgha.ops.verify.VerifyTargets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Who is primary, who holds the VIP, how far behind each standby is, whether keepalived runs: read
 * from every node at once, changing nothing. Unlike verification it does not assume the inventory's
 * roles are still true: after a failover it shows the cluster as it is.
 */
public final class ClusterStatus {
    private final Toolkit kit;
    private final ProjectLayout layout;

    public ClusterStatus(Toolkit kit, ProjectLayout layout) {
        this.kit = kit;
        this.layout = layout;
    }

    /** Opens a session per node for the reading, closed at the end. */
    public StatusReport read(Inventory inventory, Map<String, Object> defaults, boolean acceptNewHostKeys) {
        long t0 = System.nanoTime();
        VerifyTarget target = VerifyTargets.from(inventory, defaults, kit.expressions(layout.playbooks()));
        kit.secrets().register(target.password());
        try (NodeSessions sessions = NodeSessions.open(kit, inventory, acceptNewHostKeys)) {
            return read(inventory, target, sessions, t0);
        }
    }

    /** On sessions an operation already holds (t0: when the operation started, for the report's time). */
    public static StatusReport read(Inventory inventory, VerifyTarget target, NodeSessions sessions, long t0) {
        NodeProbe probe = new NodeProbe(target);
        List<CompletableFuture<NodeState>> futures = new ArrayList<>();
        for (Host h : inventory.hosts()) {
            String host = h.name();
            String role = host.equals(target.primary()) ? "primary" : "standby";
            futures.add(CompletableFuture.supplyAsync(() -> sessions.get(host) == null
                    ? NodeState.unreachable(host, role, sessions.failure(host))
                    : probe.probe(host, role, sessions.get(host))));
        }
        List<NodeState> nodes = futures.stream().map(CompletableFuture::join).toList();
        return StatusAssessment.assess(target.vip(), nodes, (System.nanoTime() - t0) / 1_000_000);
    }
}
