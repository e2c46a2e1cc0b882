package io.pgha.ops.drill;

import io.pgha.engine.ClusterHosts;
import io.pgha.ops.verify.Jdbc;
import io.pgha.ops.verify.VerifyTarget;
import io.pgha.transport.PortForward;
import io.pgha.transport.TransportException;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * A client writing a numbered row through the VIP every 50 ms (the drill's), for an operation that
 * wants to show what clients see while it runs: the longest pause between acknowledged writes, and
 * the acknowledged writes the primary lacks at the end. Direct when the controller reaches the VIP,
 * else through a node's SSH session.
 */
public final class WriteClient implements AutoCloseable {
    /** What the client saw; lost is null when the rows could not be read back (lostUnknown says why). */
    public record Figures(int acknowledged, int failed, long maxPauseMs, Integer lost, String lostUnknown) {}

    private final VerifyTarget target;
    private final Endpoint endpoint;
    private final PortForward forward;
    private final VipWriter writer;
    private final Thread thread;
    private final long startedAt;

    private WriteClient(VerifyTarget target, Endpoint endpoint, PortForward forward) {
        this.target = target;
        this.endpoint = endpoint;
        this.forward = forward;
        this.writer = new VipWriter(endpoint, target, UUID.randomUUID() + "-client");
        this.startedAt = System.nanoTime();
        this.thread = NodeWatch.daemon("pgha-write-client", writer);  // started
    }

    /** Creates the drill's table if needed and starts writing; through is the node whose session forwards to the VIP. */
    public static WriteClient start(VerifyTarget target, ClusterHosts hosts, String through) throws TransportException, SQLException {
        Endpoint endpoint;
        PortForward forward = null;
        try (java.sql.Connection c = Jdbc.connect(target.vip(), target.port(), target, "pgha-client", 2, 5)) {
            endpoint = Endpoint.direct(target.vip(), target.port());
        } catch (SQLException e) {
            forward = hosts.get(through).forward(target.vip(), target.port());
            endpoint = Endpoint.forwarded(forward.localPort(), through);
        }
        try (java.sql.Connection c = Jdbc.connect(endpoint.host(), endpoint.port(), target, "pgha-client", 5, 30);
             Statement s = c.createStatement()) {
            s.execute(VipWriter.createTable());
        }
        return new WriteClient(target, endpoint, forward);
    }

    /** Writes acknowledged so far. */
    public int acknowledged() { return writer.acks().size(); }

    /** Stops writing and reads the rows back through the VIP. */
    public Figures stop() {
        long stoppedAt = System.nanoTime();
        writer.stop();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<VipWriter.Ack> acks = writer.acks();
        Integer lost = null;
        String unknown = null;
        try {
            lost = LostWrites.readBack(endpoint, target, "pgha-client", List.of(writer)).size();
        } catch (SQLException e) {
            unknown = "reading the client's rows back through the VIP failed: " + e.getMessage();
        }
        return new Figures(acks.size(), writer.failures().size(), DrillMeasure.maxGapMs(acks, startedAt, stoppedAt), lost, unknown);
    }

    @Override
    public void close() {
        writer.stop();
        if (forward != null) {
            try {
                forward.close();
            } catch (Exception ignored) {
                // its session may be gone
            }
        }
    }
}
