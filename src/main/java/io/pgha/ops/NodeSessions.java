package io.pgha.ops;

import io.pgha.inventory.Host;
import io.pgha.inventory.Inventory;
import io.pgha.transport.Connection;
import io.pgha.transport.TransportException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One SSH session per cluster node for an operation that talks to the nodes itself (status, the
 * config push plan), opened all at once; a node that cannot be reached keeps its reason instead.
 */
public final class NodeSessions implements AutoCloseable {
    private final Map<String, Connection> open = new LinkedHashMap<>();
    private final Map<String, String> failed = new LinkedHashMap<>();
    private final Map<String, java.net.InetSocketAddress> sshd = new LinkedHashMap<>();

    private NodeSessions() {}

    public static NodeSessions open(Toolkit kit, Inventory inventory, boolean acceptNewHostKeys) {
        NodeSessions s = new NodeSessions();
        List<Host> hosts = inventory.hosts();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, hosts.size()));
        try {
            Map<String, CompletableFuture<Object>> pending = new LinkedHashMap<>();
            for (Host h : hosts) {
                var spec = inventory.connectionSpec(h.name(), acceptNewHostKeys);
                s.sshd.put(h.name(), java.net.InetSocketAddress.createUnresolved(spec.address(), spec.port()));
                pending.put(h.name(), CompletableFuture.supplyAsync(() -> {
                    try {
                        return kit.connector().connect(inventory.connectionSpec(h.name(), acceptNewHostKeys));
                    } catch (TransportException e) {
                        return e.getMessage();
                    }
                }, pool));
            }
            pending.forEach((host, f) -> {
                Object r = f.join();
                if (r instanceof Connection c) s.open.put(host, c);
                else s.failed.put(host, String.valueOf(r));
            });
        } finally {
            pool.shutdownNow();
        }
        return s;
    }

    /** The node's session, or null when it could not be reached (see failure). */
    public Connection get(String host) { return open.get(host); }

    /** Where the node's sshd listens (address and port, unresolved). */
    public java.net.InetSocketAddress sshd(String host) { return sshd.get(host); }

    /** Why the node could not be reached, or null. */
    public String failure(String host) { return failed.get(host); }

    @Override
    public void close() {
        for (Connection c : open.values()) {
            try {
                c.close();
            } catch (IOException ignored) {
                // the session is going away anyway
            }
        }
    }
}
