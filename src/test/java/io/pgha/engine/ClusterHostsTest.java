package io.pgha.engine;

import io.pgha.core.Secrets;
import io.pgha.inventory.Inventory;
import io.pgha.inventory.YamlInventoryLoader;
import io.pgha.transport.Connection;
import io.pgha.transport.ConnectionSpec;
import io.pgha.transport.Connector;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.PortForward;
import io.pgha.transport.TransportException;
import io.pgha.transport.UnreachableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool's logic on a connector double: one connection per host, failures kept, reconnect, commands told masked. */
class ClusterHostsTest {
    @TempDir Path dir;

    /** Hosts in down cannot be reached; every connect is counted per host. */
    private static final class FakeConnector implements Connector {
        final Set<String> down = ConcurrentHashMap.newKeySet();
        final Map<String, AtomicInteger> connects = new ConcurrentHashMap<>();
        final List<FakeConnection> opened = new ArrayList<>();

        @Override
        public synchronized Connection connect(ConnectionSpec spec) throws TransportException {
            String host = spec.hostName();
            connects.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
            if (down.contains(host)) throw new UnreachableException(host + ": connection refused");
            FakeConnection c = new FakeConnection(host);
            opened.add(c);
            return c;
        }

        @Override public void close() {}
    }

    private static final class FakeConnection implements Connection {
        final String host;
        boolean closed;

        FakeConnection(String host) { this.host = host; }

        @Override public String hostName() { return host; }
        @Override public ExecResult exec(ExecRequest r) { return new ExecResult(0, "out " + r.command(), "", Duration.ofMillis(1)); }
        @Override public void upload(byte[] content, String remotePath, int mode) {}
        @Override public byte[] download(String remotePath) { return new byte[0]; }
        @Override public PortForward forward(String remoteHost, int remotePort) { throw new UnsupportedOperationException(); }
        @Override public void close() { closed = true; }
    }

    private Inventory inventory() throws IOException {
        Files.writeString(dir.resolve("hosts.yml"), "all:\n  hosts:\n    db06: {ansible_host: 10.0.0.6}\n    db07: {ansible_host: 10.0.0.7}\n");
        return new YamlInventoryLoader(new Secrets(), k -> null).load(dir);
    }

    @Test
    void oneConnectionPerHostForTheCommandAndAnUnreachableOneKeepsItsReason() throws Exception {
        FakeConnector connector = new FakeConnector();
        connector.down.add("db07");
        try (ClusterHosts hosts = new ClusterHosts(connector, inventory(), false, new Secrets(), new RunListener() {}).reachAll()) {
            assertNotNull(hosts.get("db06"));
            hosts.get("db06").exec(ExecRequest.of("true"));
            assertNull(hosts.get("db07"));
            assertEquals("db07: connection refused", hosts.failure("db07"));
            assertNull(hosts.failure("db06"));
            assertEquals(1, connector.connects.get("db06").get(), "reused, not reconnected per use");
            assertEquals(1, connector.connects.get("db07").get(), "a refused host is not retried on every use");
            assertEquals("10.0.0.7", hosts.sshd("db07").getHostString());
        }
        assertTrue(connector.opened.get(0).closed, "closed with the pool");
    }

    @Test
    void reconnectDropsTheOldConnectionsAndForgetsFailures() throws Exception {
        FakeConnector connector = new FakeConnector();
        connector.down.add("db07");
        try (ClusterHosts hosts = new ClusterHosts(connector, inventory(), false, new Secrets(), new RunListener() {}).reachAll()) {
            FakeConnection first = connector.opened.get(0);
            connector.down.clear();   // db07 is back
            hosts.reconnect();
            assertTrue(first.closed, "a wedged session is not reused");
            assertNotNull(hosts.get("db07"));
            assertNull(hosts.failure("db07"));
            assertEquals(2, connector.connects.get("db06").get());
        }
    }

    @Test
    void anOperationsOwnCommandsReachTheListenerMasked() throws Exception {
        Secrets secrets = new Secrets();
        secrets.register("s3cret-value");
        List<String> told = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void command(String host, String command, int exitCode, String stdout, String stderr, Duration took) {
                told.add(host + " $ " + command + " -> " + exitCode + " " + stdout);
            }
        };
        try (ClusterHosts hosts = new ClusterHosts(new FakeConnector(), inventory(), false, secrets, listener)) {
            ExecResult r = hosts.get("db06").exec(ExecRequest.of("echo s3cret-value"));
            assertEquals("out echo s3cret-value", r.stdout(), "the operation itself gets the real output");
        }
        assertEquals(List.of("db06 $ echo ******** -> 0 out echo ********"), told.stream().map(t -> t.replaceAll("\\*+", "********")).toList());
        assertFalse(told.get(0).contains("s3cret-value"));
    }
}
