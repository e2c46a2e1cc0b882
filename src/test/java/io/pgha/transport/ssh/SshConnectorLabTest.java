package io.pgha.transport.ssh;

import io.pgha.testing.LabFixture;
import io.pgha.transport.Connection;
import io.pgha.transport.ConnectionSpec;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.HostKeyException;
import io.pgha.transport.UnreachableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connecting to the lab node db06: host key checks, unreachable hosts, failed authentication. */
@Tag("lab")
class SshConnectorLabTest {
    static final String HOST = LabFixture.DB06;
    static LabFixture lab;
    static SshConnector connector;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        lab = LabFixture.get();
        connector = new SshConnector();
    }

    @AfterAll
    static void stop() {
        if (connector != null) connector.close();
    }

    ConnectionSpec spec(Path knownHosts, boolean acceptNew) {
        ConnectionSpec s = lab.spec(HOST);
        return new ConnectionSpec(s.hostName(), s.address(), s.port(), s.user(), s.privateKey(), null, knownHosts,
                acceptNew, s.connectTimeout(), null);
    }

    /** The node's own host public keys ("type base64"), read as root on the node. */
    static List<String> nodeHostKeys() {
        return lab.sh(HOST, "cat /etc/ssh/ssh_host_*_key.pub").lines()
                .map(l -> l.split(" ")[0] + " " + l.split(" ")[1]).toList();
    }

    /** db06's address (the lab may sit on another subnet: PGHA_LAB_SUBNET). */
    static String ip() {
        return lab.address(LabFixture.DB06);
    }

    @Test
    void connectsWithTheLabsKnownHosts() throws Exception {
        try (Connection c = connector.connect(spec(lab.knownHosts(), false))) {
            assertEquals("db06\n", c.exec(ExecRequest.of("hostname")).stdout());
        }
    }

    @Test
    void unknownHostKeyRefusedWithoutAccept() throws Exception {
        Path kh = tmp.resolve("known_hosts");
        Files.writeString(kh, "");
        HostKeyException e = assertThrows(HostKeyException.class, () -> connector.connect(spec(kh, false)));
        String m = e.getMessage();
        assertTrue(m.startsWith("db06 (" + ip() + ":22): host key SHA256:"), m);
        assertTrue(m.contains("is not in " + kh) && m.contains("--accept-new-host-keys")
                && m.contains("ssh-keyscan -p 22 " + ip() + " >> " + kh), m);
        assertEquals("", Files.readString(kh), "nothing written without accept");
    }

    @Test
    void unknownHostKeyAcceptedAndAppended() throws Exception {
        Path kh = tmp.resolve("known_hosts");
        Files.writeString(kh, "# mine\n");
        try (Connection c = connector.connect(spec(kh, true))) {
            assertEquals(0, c.exec(ExecRequest.of("true")).exitCode());
        }
        List<String> lines = Files.readAllLines(kh);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith(ip() + " "), lines.get(1));
        String key = lines.get(1).substring(ip().length() + 1);
        assertTrue(nodeHostKeys().contains(key), "appended key is one of the node's own host keys: " + key);
        // and it is trusted from now on, without accept
        try (Connection c = connector.connect(spec(kh, false))) {
            assertEquals(0, c.exec(ExecRequest.of("true")).exitCode());
        }
        assertEquals(2, Files.readAllLines(kh).size(), "not appended twice");
    }

    @Test
    void changedHostKeyRefusedEvenWithAccept() throws Exception {
        Path kh = tmp.resolve("known_hosts");
        String other = ip() + " " + KnownHostsVerifierTest.K1; // a different ed25519 key for this address
        Files.writeString(kh, "# first line\n" + other + "\n");
        HostKeyException e = assertThrows(HostKeyException.class, () -> connector.connect(spec(kh, true)));
        String m = e.getMessage();
        assertTrue(m.startsWith("REMOTE HOST KEY CHANGED for db06 (" + ip() + ":22): known_hosts has "
                + KnownHostsVerifierTest.K1_PRINT + " (" + kh + ":2), the host presented SHA256:"), m);
        assertTrue(m.endsWith("ssh-keygen -R " + ip() + " -f " + kh), m);
        assertEquals("# first line\n" + other + "\n", Files.readString(kh), "known_hosts untouched");
    }

    @Test
    void hostKnownOnlyByItsRsaKeyIsAskedForThatKey() throws Exception {
        // MINA would otherwise pick another algorithm (ECDSA/ed25519) and see an unknown or "changed" key.
        String rsa = nodeHostKeys().stream().filter(k -> k.startsWith("ssh-rsa ")).findFirst().orElseThrow();
        Path kh = tmp.resolve("known_hosts");
        Files.writeString(kh, ip() + " " + rsa + "\n");
        try (Connection c = connector.connect(spec(kh, false))) {
            assertEquals(0, c.exec(ExecRequest.of("true")).exitCode());
        }
    }

    @Test
    void refusedPortIsUnreachableAndNamesTheHost() {
        ConnectionSpec s = lab.spec(HOST);
        ConnectionSpec port1 = new ConnectionSpec("db06", s.address(), 1, s.user(), s.privateKey(), null, s.knownHosts(),
                false, Duration.ofSeconds(5), null);
        UnreachableException e = assertThrows(UnreachableException.class, () -> connector.connect(port1));
        assertFalse(e instanceof HostKeyException);
        assertEquals("db06 (" + ip() + ":1): connection refused. Check ansible_host/ansible_port and that sshd runs there.",
                e.getMessage());
    }

    @Test
    void silentAddressTimesOutWithinTheConnectTimeout() {
        ConnectionSpec s = lab.spec(HOST);
        // an unused address in the lab subnet: nothing answers
        ConnectionSpec nobody = new ConnectionSpec("db99", lab.config().subnetPrefix() + ".254", 22, s.user(), s.privateKey(), null,
                s.knownHosts(), false, Duration.ofSeconds(2), null);
        long t0 = System.nanoTime();
        UnreachableException e = assertThrows(UnreachableException.class, () -> connector.connect(nobody));
        long took = System.nanoTime() - t0;
        assertTrue(took < Duration.ofSeconds(6).toNanos(), "took " + took / 1_000_000 + " ms");
        assertTrue(e.getMessage().startsWith("db99 (" + lab.config().subnetPrefix() + ".254:22): "), e.getMessage());
        assertTrue(e.getMessage().contains("ansible_host"), e.getMessage());
    }

    @Test
    void wrongUserFailsAuthenticationWithAdvice() {
        ConnectionSpec s = lab.spec(HOST);
        ConnectionSpec wrong = new ConnectionSpec("db06", s.address(), 22, "nosuchuser", s.privateKey(), null,
                s.knownHosts(), false, s.connectTimeout(), null);
        UnreachableException e = assertThrows(UnreachableException.class, () -> connector.connect(wrong));
        assertTrue(e.getMessage().startsWith("db06 (" + ip() + ":22): authentication as 'nosuchuser' with key "
                + s.privateKey() + " failed"), e.getMessage());
        assertTrue(e.getMessage().contains("ansible_user") && e.getMessage().contains("ansible_ssh_private_key_file"), e.getMessage());
    }

    @Test
    void wrongKeyFailsAuthenticationAndPasswordIsNeverShown() throws Exception {
        Path key = tmp.resolve("other_key");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).start();
        assertEquals(0, p.waitFor());
        ConnectionSpec s = lab.spec(HOST);
        ConnectionSpec wrong = new ConnectionSpec("db06", s.address(), 22, s.user(), key, "Sup3rSecretPw",
                s.knownHosts(), false, s.connectTimeout(), null);
        UnreachableException e = assertThrows(UnreachableException.class, () -> connector.connect(wrong));
        assertTrue(e.getMessage().contains("authentication as 'pgha' with key " + key + " and a password failed"), e.getMessage());
        assertFalse(e.getMessage().contains("Sup3rSecretPw"));
    }

    @Test
    void unreadableKeyFileNamed() {
        ConnectionSpec s = lab.spec(HOST);
        Path missing = tmp.resolve("no_such_key");
        ConnectionSpec bad = new ConnectionSpec("db06", s.address(), 22, s.user(), missing, null, s.knownHosts(), false,
                s.connectTimeout(), null);
        UnreachableException e = assertThrows(UnreachableException.class, () -> connector.connect(bad));
        assertEquals("db06: cannot use the private key " + missing + " (ansible_ssh_private_key_file): no such file",
                e.getMessage());
    }

    @Test
    void connectionsToBothNodesShareTheConnector() throws Exception {
        try (Connection a = connector.connect(lab.spec(LabFixture.DB06));
             Connection b = connector.connect(lab.spec(LabFixture.DB07))) {
            assertEquals("db06\n", a.exec(ExecRequest.of("hostname")).stdout());
            assertEquals("db07\n", b.exec(ExecRequest.of("hostname")).stdout());
            assertInstanceOf(SshConnection.class, a);
        }
    }
}
