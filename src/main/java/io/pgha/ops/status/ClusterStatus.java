package io.pgha.ops.status;

import io.pgha.engine.ClusterHosts;
import io.pgha.inventory.Host;
import io.pgha.inventory.Inventory;
import io.pgha.ops.verify.VerifyTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Who is primary, who holds the VIP, how far behind each standby is, whether keepalived runs: read
 * from every node at once, changing nothing. Unlike verification it does not assume the inventory's
 * roles are still true: after a failover it shows the cluster as it is.
 */
public final class ClusterStatus {
    private ClusterStatus() {}

    /** On an operation's connections (t0: when the operation started, for the report's time). */
    public static StatusReport read(Inventory inventory, VerifyTarget target, ClusterHosts hosts, long t0) {
        NodeProbe probe = new NodeProbe(target);
        List<CompletableFuture<NodeState>> futures = new ArrayList<>();
        // A thread per node: the common pool has one thread on a two-core controller, and a node
        // that hangs until its timeout must not hold the others' reading back.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, inventory.hosts().size()));
        for (Host h : inventory.hosts()) {
            String host = h.name();
            String role = host.equals(target.primary()) ? "primary" : "standby";
            futures.add(CompletableFuture.supplyAsync(() -> {
                var c = hosts.get(host);
                return c == null ? NodeState.unreachable(host, role, hosts.failure(host)) : probe.probe(host, role, c);
            }, pool));
        }
        List<NodeState> nodes;
        try {
            nodes = futures.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
        return StatusAssessment.assess(target.vip(), nodes, (System.nanoTime() - t0) / 1_000_000);
    }
}
