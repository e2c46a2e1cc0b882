package io.pgha.lab;

import io.pgha.testing.LabFixture;
import io.pgha.transport.Connection;
import io.pgha.transport.ConnectionSpec;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.ssh.SshConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab as `pgha lab up` leaves it: two real-looking hosts reachable over SSH with the files it wrote. */
@Tag("lab")
class LabTest {
    static LabFixture lab;
    static SshConnector connector;

    @BeforeAll
    static void start() {
        lab = LabFixture.get();
        connector = new SshConnector();
    }

    @AfterAll
    static void stop() {
        if (connector != null) connector.close();
    }

    /** The lab's own spec, with unknown host keys refused: the written known_hosts must be complete. */
    static ConnectionSpec strictSpec(String host) {
        ConnectionSpec s = lab.spec(host);
        return new ConnectionSpec(s.hostName(), s.address(), s.port(), s.user(), s.privateKey(), null, s.knownHosts(),
                false, s.connectTimeout(), null);
    }

    static String containerField(String host, String format) {
        return docker("inspect", "-f", format, lab.containerName(host));
    }

    static String docker(String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of("docker"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
            return out.strip();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void upAgainReusesTheRunningNodes() {
        String ids = containerField(LabFixture.DB06, "{{.Id}} {{.State.StartedAt}}") + " "
                + containerField(LabFixture.DB07, "{{.Id}} {{.State.StartedAt}}");
        List<String> steps = new ArrayList<>();
        try (Lab again = new Lab(lab.config(), (what, took) -> steps.add(what))) {
            LabStatus s = again.up();
            assertTrue(s.healthy(), s.toString());
        }
        assertEquals(ids, containerField(LabFixture.DB06, "{{.Id}} {{.State.StartedAt}}") + " "
                + containerField(LabFixture.DB07, "{{.Id}} {{.State.StartedAt}}"), "same containers, not restarted");
        assertTrue(steps.stream().anyMatch(l -> l.startsWith("node db06 ") && l.contains(" running")), steps.toString());
        assertTrue(steps.stream().anyMatch(l -> l.startsWith("node db07 ") && l.contains(" running")), steps.toString());
        assertTrue(steps.stream().noneMatch(l -> l.contains(" created") || l.contains(" built")), steps.toString());
        // One authorized_keys line per key, however often up runs.
        String key = LabKeys.publicKeyLine(lab.config().publicKey());
        assertEquals("1", lab.sh(LabFixture.DB06, "grep -cxF '" + key + "' /home/pgha/.ssh/authorized_keys").strip());
    }

    @Test
    void bothNodesAnswerOverSshWithTheGeneratedKeyAndKnownHosts() throws Exception {
        for (String host : List.of(LabFixture.DB06, LabFixture.DB07)) {
            try (Connection c = connector.connect(strictSpec(host))) {
                assertEquals(host + "\n", c.exec(ExecRequest.of("hostname")).stdout());
                assertEquals("pgha\n", c.exec(ExecRequest.of("id -un")).stdout());
                String eth0 = c.exec(ExecRequest.of("ip -4 -o addr show dev eth0")).stdout();
                assertTrue(eth0.contains(" " + lab.address(host) + "/24 "), eth0);
            }
        }
        assertEquals(lab.config().subnetPrefix() + ".156", lab.address(LabFixture.DB06));
        assertEquals(lab.config().subnetPrefix() + ".157", lab.address(LabFixture.DB07));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lab.privateKey())));
    }

    @Test
    void pghaCanSudoWithoutPassword() throws Exception {
        try (Connection c = connector.connect(strictSpec(LabFixture.DB07))) {
            ExecResult r = c.exec(ExecRequest.of("id -u; cat /etc/shadow >/dev/null && echo readable").asBecome(true, null));
            assertEquals("0\nreadable\n", r.stdout(), r.stderr());
            assertFalse(c.exec(ExecRequest.of("cat /etc/shadow")).ok(), "without become pgha is an ordinary user");
        }
    }

    @Test
    void aVipCanBeAddedAndRemovedOnEth0ThroughSudo() throws Exception {
        // A spare address, neither the lab's VIP (keepalived may hold it) nor the witness's .158 (its container answers
        // ARP for it when WitnessLabTest ran first, so the banner never came: the CI failure of 2026-12-03).
        String vip = lab.config().spareAddress();
        String host = LabFixture.DB06;
        try (Connection c = connector.connect(strictSpec(host))) {
            try {
                ExecResult add = c.exec(ExecRequest.of("ip addr add " + vip + "/24 dev eth0 label eth0:vip").asBecome(true, null));
                assertTrue(add.ok(), add.stderr());
                assertTrue(lab.sh(host, "ip -4 -o addr show dev eth0").contains(" " + vip + "/24 "), "VIP on eth0");
                // The host reaches the node's sshd through the VIP (what clients do in the real cluster).
                String banner = Lab.sshBanner(vip, java.time.Duration.ofSeconds(3));
                assertNotNull(banner, "sshd answers on the VIP");
                assertTrue(banner.startsWith("SSH-2.0-OpenSSH"), banner);
            } finally {
                c.exec(ExecRequest.of("ip addr del " + vip + "/24 dev eth0 || true").asBecome(true, null));
            }
            assertFalse(lab.sh(host, "ip -4 -o addr show dev eth0").contains(" " + vip + "/"), "VIP removed");
        }
    }

    @Test
    void statusReportsBothNodes() {
        try (Lab l = new Lab(lab.config(), LabListener.SILENT)) {
            LabStatus s = l.status();
            assertTrue(s.networkExists());
            assertEquals(List.of("db06", "db07"), s.nodes().stream().map(NodeStatus::name).toList());
            for (NodeStatus n : s.nodes()) {
                assertEquals("running", n.state(), n.toString());
                assertEquals(lab.address(n.name()), n.address());
                assertTrue(n.sshd(), n.toString());
                // Booted: "degraded" only means a unit failed, which earlier lab tests cause on purpose
                // (a killed postmaster, a fenced node); the lab itself is fine then (NodeStatus.healthy).
                assertTrue(List.of("running", "degraded").contains(n.systemd()),
                        n + ", failed units: " + lab.sh(n.name(), "systemctl --failed --plain --no-legend || true"));
                assertEquals(lab.containerName(n.name()), n.container());
            }
            assertTrue(s.healthy());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void inventoryPointsAtTheLab() throws Exception {
        Path inv = lab.inventory();
        Map<String, Object> all = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(Files.readString(inv))).get("all");
        Map<String, Object> hosts = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) all.get("children"))
                .get("cluster")).get("hosts");
        assertEquals(Map.of("ansible_host", lab.address("db06")), hosts.get("db06"));
        assertEquals(Map.of("ansible_host", lab.address("db07")), hosts.get("db07"));
        Map<String, Object> vars = (Map<String, Object>) all.get("vars");
        assertEquals("pgha", vars.get("ansible_user"));
        assertEquals(true, vars.get("ansible_become"));
        assertEquals(lab.privateKey(), inv.getParent().resolve((String) vars.get("ansible_ssh_private_key_file")).normalize());
        assertEquals(lab.knownHosts(), inv.getParent().resolve((String) vars.get("pgha_known_hosts")).normalize());
        // known_hosts holds exactly the nodes' own host keys, read as root on each node.
        for (String host : List.of("db06", "db07")) {
            for (String line : lab.sh(host, "cat /etc/ssh/ssh_host_*_key.pub").lines().toList()) {
                String[] f = line.split(" ");
                assertTrue(Files.readAllLines(lab.knownHosts()).contains(lab.address(host) + " " + f[0] + " " + f[1]), line);
            }
        }
    }
}
