package io.pgha.ops.verify;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * JDBC to a node's PostgreSQL through a local port forward, as the cluster's health-check role, and
 * what a failed call means for a DBA. Shared by verification and status.
 */
public final class Jdbc {
    private Jdbc() {}

    /** A connection to 127.0.0.1:localPort (a forward to the node) as the target's role, in its database. */
    public static Connection connect(int localPort, VerifyTarget t, String applicationName) throws SQLException {
        return connect(localPort, t, applicationName, 10, 30);
    }

    /** With its own timeouts in seconds (a drill's writer gives up on a dying server quickly). */
    public static Connection connect(int localPort, VerifyTarget t, String applicationName, int connectSeconds, int socketSeconds)
            throws SQLException {
        return connect("127.0.0.1", localPort, t, applicationName, connectSeconds, socketSeconds);
    }

    /** To host:port directly (a drill's clients and probes, where the controller reaches the nodes as clients do). */
    public static Connection connect(String host, int port, VerifyTarget t, String applicationName, int connectSeconds,
                                     int socketSeconds) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", t.user());
        p.setProperty("password", t.password());
        p.setProperty("connectTimeout", String.valueOf(connectSeconds));
        p.setProperty("socketTimeout", String.valueOf(socketSeconds));
        p.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + t.database(), p);
    }

    /** How describe says PostgreSQL refused the health-check role's password (a secret being rotated, say). */
    public static final String LOGIN_REFUSED = "PostgreSQL refused the login of ";

    /** What a failed JDBC call means: which node, and what to look at. */
    public static String describe(String host, VerifyTarget t, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08")) {
            return host + ": PostgreSQL does not accept connections on port " + t.port()
                    + " (reached through SSH): is it running there? (" + e.getMessage() + ")";
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return host + ": " + LOGIN_REFUSED + t.user() + " (" + e.getMessage()
                    + "): the inventory's password for it must be the role's password on the cluster";
        }
        return host + ": " + e.getMessage();
    }
}
