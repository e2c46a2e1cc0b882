package io.pgha.engine;

import io.pgha.inventory.Inventory;
import io.pgha.transport.Connection;
import io.pgha.transport.Connector;
import io.pgha.transport.TransportException;
import io.pgha.transport.UnreachableException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection per host for the whole run, opened on first use. A host that could not be reached
 * stays unreachable for the run (no reconnect storm on every task).
 */
final class HostConnections implements AutoCloseable {
    private final Connector connector;
    private final Inventory inventory;
    private final boolean acceptNewHostKeys;
    private final Map<String, Connection> open = new ConcurrentHashMap<>();
    private final Map<String, UnreachableException> refused = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    HostConnections(Connector connector, Inventory inventory, boolean acceptNewHostKeys) {
        this.connector = connector;
        this.inventory = inventory;
        this.acceptNewHostKeys = acceptNewHostKeys;
    }

    Connection get(String host) throws TransportException {
        Connection c = open.get(host);
        if (c != null) return c;
        synchronized (locks.computeIfAbsent(host, h -> new Object())) {
            c = open.get(host);
            if (c != null) return c;
            UnreachableException before = refused.get(host);
            if (before != null) throw before;
            try {
                c = connector.connect(inventory.connectionSpec(host, acceptNewHostKeys));
            } catch (UnreachableException e) {
                refused.put(host, e);
                throw e;
            }
            open.put(host, c);
            return c;
        }
    }

    @Override
    public void close() {
        for (Connection c : open.values()) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing at the end of a run: nothing useful to tell the user
            }
        }
        open.clear();
    }
}
