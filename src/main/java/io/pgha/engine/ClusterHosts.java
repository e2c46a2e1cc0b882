package io.pgha.engine;

import io.pgha.core.Secrets;
import io.pgha.inventory.Host;
import io.pgha.inventory.Inventory;
import io.pgha.transport.Connection;
import io.pgha.transport.ConnectionSpec;
import io.pgha.transport.Connector;
import io.pgha.transport.TransportException;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one road from an operation to its hosts: one connection per host for the whole command, shared
 * by the playbooks it runs ({@link PlaybookRunner#run(io.pgha.playbook.Playbook, Inventory, RunOptions,
 * RunListener, ClusterHosts)}) and by its own reads (status, verify, the push plan, the drill), whose
 * commands are told to the listener, masked, as a task's are.
 */
public final class ClusterHosts implements AutoCloseable {
    private final Connector connector;
    private final Inventory inventory;
    private final boolean acceptNewHostKeys;
    private final RunListener listener;
    private final Map<String, String> failed = new LinkedHashMap<>();
    private HostConnections connections;

    /** @param listener told each command of the operation's own reads (masked with secrets first) */
    public ClusterHosts(Connector connector, Inventory inventory, boolean acceptNewHostKeys, Secrets secrets,
                        RunListener listener) {
        this.connector = connector;
        this.inventory = inventory;
        this.acceptNewHostKeys = acceptNewHostKeys;
        this.listener = new MaskingListener(listener, secrets);
        this.connections = new HostConnections(connector, inventory, acceptNewHostKeys);
    }

    /** Connects to every host at once (not one after the other); a host that cannot be reached keeps its reason. */
    public synchronized ClusterHosts reachAll() {
        List<Host> hosts = inventory.hosts();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, hosts.size()));
        try {
            Map<String, CompletableFuture<String>> pending = new LinkedHashMap<>();
            for (Host h : hosts) {
                pending.put(h.name(), CompletableFuture.supplyAsync(() -> {
                    try {
                        connections.get(h.name());
                        return null;
                    } catch (TransportException e) {
                        return String.valueOf(e.getMessage());
                    }
                }, pool));
            }
            pending.forEach((host, f) -> {
                String why = f.join();
                if (why == null) failed.remove(host);
                else failed.put(host, why);
            });
        } finally {
            pool.shutdownNow();
        }
        return this;
    }

    /** The host's connection, or null when it could not be reached (see {@link #failure}). */
    public synchronized Connection get(String host) {
        if (failed.containsKey(host)) return null;
        try {
            return new LoggedConnection(connections.get(host), listener);
        } catch (TransportException e) {
            failed.put(host, String.valueOf(e.getMessage()));
            return null;
        }
    }

    /** Why the host could not be reached, or null. */
    public synchronized String failure(String host) { return failed.get(host); }

    /** Where the host's sshd listens (address and port, unresolved): to tell whether it answers again. */
    public InetSocketAddress sshd(String host) {
        ConnectionSpec spec = inventory.connectionSpec(host, acceptNewHostKeys);
        return InetSocketAddress.createUnresolved(spec.address(), spec.port());
    }

    /**
     * Drops every connection and every remembered failure, then connects again: after a node was cut off
     * or powered off, its old session may be wedged (channel requests queued while the link was down
     * count against sshd's MaxSessions).
     */
    public synchronized ClusterHosts reconnect() {
        connections.close();
        failed.clear();
        connections = new HostConnections(connector, inventory, acceptNewHostKeys);
        return reachAll();
    }

    /** For the playbook runner: the same connections, a host refused once staying refused for the run. */
    synchronized HostConnections connections() { return connections; }

    @Override
    public synchronized void close() { connections.close(); }
}
