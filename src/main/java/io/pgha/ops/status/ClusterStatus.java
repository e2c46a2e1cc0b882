package io.pgha.ops.status;

import io.pgha.inventory.Host;
import io.pgha.inventory.Inventory;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.verify.VerifyTarget;
import io.pgha.ops.verify.VerifyTargets;
import io.pgha.transport.Connection;
import io.pgha.transport.TransportException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Who is primary, who holds the VIP, how far behind each standby is, whether keepalived runs: read
 * from every node at once (one SSH session each, closed at the end), changing nothing. Unlike
 * verification it does not assume the inventory's roles are still true: after a failover it shows
 * the cluster as it is.
 */
public final class ClusterStatus {
    private final Toolkit kit;
    private final ProjectLayout layout;

    public ClusterStatus(Toolkit kit, ProjectLayout layout) {
        this.kit = kit;
        this.layout = layout;
    }

    public StatusReport read(Inventory inventory, Map<String, Object> defaults, boolean acceptNewHostKeys) {
        long t0 = System.nanoTime();
        VerifyTarget target = VerifyTargets.from(inventory, defaults, kit.expressions(layout.playbooks()));
        kit.secrets().register(target.password());
        NodeProbe probe = new NodeProbe(target);
        List<Host> hosts = inventory.hosts();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, hosts.size()));
        try {
            List<CompletableFuture<NodeState>> futures = new ArrayList<>();
            for (Host h : hosts) {
                String role = h.name().equals(target.primary()) ? "primary" : "standby";
                futures.add(CompletableFuture.supplyAsync(() -> probeHost(inventory, h.name(), role, probe, acceptNewHostKeys), pool));
            }
            List<NodeState> nodes = futures.stream().map(CompletableFuture::join).toList();
            return StatusAssessment.assess(target.vip(), nodes, (System.nanoTime() - t0) / 1_000_000);
        } finally {
            pool.shutdownNow();
        }
    }

    private NodeState probeHost(Inventory inventory, String host, String role, NodeProbe probe, boolean acceptNewHostKeys) {
        Connection c;
        try {
            c = kit.connector().connect(inventory.connectionSpec(host, acceptNewHostKeys));
        } catch (TransportException e) {
            return NodeState.unreachable(host, role, e.getMessage());
        }
        try {
            return probe.probe(host, role, c);
        } finally {
            try {
                c.close();
            } catch (IOException ignored) {
                // the session is going away anyway
            }
        }
    }
}
