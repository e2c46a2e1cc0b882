package io.pgha.ops.drill;

import io.pgha.ops.verify.Jdbc;
import io.pgha.ops.verify.VerifyTarget;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The acknowledged writes a server does not have: each writer's rows read back from the drill's table
 * and compared with what the writer was told was committed. One reader for the failover drill and the
 * switchover's write client.
 */
final class LostWrites {
    private LostWrites() {}

    /** The writers' acknowledged writes missing on the server at {@code at}, as "label#n" ("vip#12"), writer by writer. */
    static List<String> readBack(Endpoint at, VerifyTarget target, String applicationName, List<VipWriter> writers)
            throws SQLException {
        List<String> lost = new ArrayList<>();
        try (Connection c = Jdbc.connect(at.host(), at.port(), target, applicationName, 5, 30);
             PreparedStatement ps = c.prepareStatement("select n from " + VipWriter.TABLE + " where run = ?")) {
            for (VipWriter w : writers) lost.addAll(missing(w.label(), w.acks(), kept(ps, w.runId())));
        }
        return lost;
    }

    /** The acknowledged numbers not among the kept ones, in acknowledgement order, as "label#n". */
    static List<String> missing(String label, List<VipWriter.Ack> acks, Collection<Long> kept) {
        List<String> lost = new ArrayList<>();
        for (VipWriter.Ack a : acks) if (!kept.contains(a.n())) lost.add(label + "#" + a.n());
        return lost;
    }

    private static Set<Long> kept(PreparedStatement ps, String run) throws SQLException {
        Set<Long> kept = new HashSet<>();
        ps.setString(1, run);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) kept.add(rs.getLong(1));
        }
        return kept;
    }
}
