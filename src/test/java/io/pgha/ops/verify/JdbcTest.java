package io.pgha.ops.verify;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a failed JDBC call is reported as: the node, and what to look at. */
class JdbcTest {
    final VerifyTarget target = new VerifyTarget("db06", List.of("db07"), 54321, "10.0.0.9", "keepalived", "secret", "keepalived", null);

    @Test
    void aNodeThatDoesNotAnswerIsNamedWithItsPort() {
        SQLException e = new SQLException("The connection attempt failed.", "08001");
        assertEquals("db07: PostgreSQL does not accept connections on port 54321 (reached through SSH): is it running there?"
                + " (The connection attempt failed.)", Jdbc.describe("db07", target, e));
    }

    @Test
    void aRefusedLoginPointsAtTheInventorysPassword() {
        SQLException e = new SQLException("FATAL: password authentication failed for user \"keepalived\"", "28P01");
        assertEquals("db06: PostgreSQL refused the login of keepalived (FATAL: password authentication failed for user"
                + " \"keepalived\"): the inventory's password for it must be the role's password on the cluster",
                Jdbc.describe("db06", target, e));
    }

    @Test
    void anythingElseKeepsPostgresqlsMessage() {
        assertEquals("db06: ERROR: permission denied", Jdbc.describe("db06", target,
                new SQLException("ERROR: permission denied", "42501")));
    }
}
