package io.pgha.transport.ssh;

import io.pgha.transport.ConnectionSpec;
import org.apache.sshd.common.SshException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a user reads when a host cannot be reached, from the exceptions MINA/the JDK raise. */
class SshConnectorMessagesTest {
    final ConnectionSpec spec = new ConnectionSpec("db06", "db06.example", 2222, "pgha", Path.of("/k/id"), null,
            Path.of("/k/known_hosts"), false, Duration.ofSeconds(7), null);
    final String where = "db06 (db06.example:2222)";

    String explain(Exception e) {
        return SshConnector.explain(spec, where, spec.connectTimeout(), e).getMessage();
    }

    @Test
    void refused() {
        assertEquals(where + ": connection refused. Check ansible_host/ansible_port and that sshd runs there.",
                explain(new IOException("wrapped", new ConnectException("Connection refused"))));
    }

    @Test
    void unresolvable() {
        assertEquals(where + ": unknown host name 'db06.example'. Check ansible_host.",
                explain(new IOException(new UnresolvedAddressException())));
    }

    @Test
    void noRoute() {
        assertTrue(explain(new NoRouteToHostException("No route to host")).contains("no route to host. Check ansible_host"));
    }

    @Test
    void timeout() {
        assertEquals(where + ": no SSH answer within 7 s. Check ansible_host/ansible_port, that the host is up and that"
                + " no firewall drops port 2222.", explain(new SshException("Failed to get operation result within specified timeout: 7000")));
    }

    @Test
    void authentication() {
        assertEquals(where + ": authentication as 'pgha' with key /k/id failed. Check ansible_user /"
                + " ansible_ssh_private_key_file (its public key must be in ~pgha/.ssh/authorized_keys on the host).",
                explain(new SshException("No more authentication methods available")));
    }

    @Test
    void otherFailureKeepsTheCause() {
        assertTrue(explain(new IOException(new IllegalStateException())).contains("SSH connection failed: IllegalStateException"));
    }
}
