package io.pgha.ops.render;

import io.pgha.core.InputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fence device per node (host_vars): what the validator refuses before anything is contacted, and what each
 * node gets of its peer's device: the agent's standard input in a root 0600 file, the agent's name in the scripts.
 */
class FenceDeviceTest {
    @TempDir Path tmp;
    Path inv;
    final Map<String, Object> defaults = DefaultVars.load(Path.of(DefaultVars.RELATIVE_PATH));

    /** The lab's settings with a BMC for each node, as inventories/lab would give them. */
    @BeforeEach
    void aBmcPerNode() throws IOException {
        inv = SeedInventory.copy("lab", tmp, SeedInventory.ARTICLE_SECRETS);
        Path secret = tmp.resolve("bmc-password");
        Files.writeString(secret, "s3cret-Bmc\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        for (String[] n : new String[][] {{"db06", "172.30.207.156"}, {"db07", "172.30.207.157"}}) {
            append("host_vars/" + n[0] + ".yml", "pg_fence_agent: fence_ipmilan\npg_fence_ip: " + n[1] + "\npg_fence_user: admin\n"
                    + "pg_fence_password_file: " + secret + "\npg_fence_options: {lanplus: 1, cipher: 3}\n");
        }
    }

    private void append(String file, String yaml) throws IOException {
        Path p = inv.resolve(file);
        Files.writeString(p, Files.readString(p) + "\n" + yaml);
    }

    private void replace(String file, String from, String to) throws IOException {
        Path p = inv.resolve(file);
        String text = Files.readString(p);
        assertTrue(text.contains(from), file + " has no '" + from + "'");
        Files.writeString(p, text.replace(from, to));
    }

    private void removeLine(String file, String start) throws IOException {
        Path p = inv.resolve(file);
        List<String> lines = Files.readAllLines(p);
        assertTrue(lines.removeIf(l -> l.startsWith(start)), file + " has no line starting '" + start + "'");
        Files.write(p, lines);
    }

    private List<String> problems() {
        return new ClusterValidator().withoutFileChecks().problems(SeedInventory.load(inv), defaults).stream()
                .map(InputException::describe).collect(Collectors.toList());
    }

    private Map<String, String> files(String host) {
        Map<String, Object> vars = new ClusterVars(SeedInventory.load(inv), defaults).forHost(host);
        return new ConfigRenderer(Path.of("templates")).render(vars).stream()
                .collect(Collectors.toMap(RenderedFile::path, RenderedFile::content));
    }

    @Test
    void eachNodeGetsItsPeersDeviceOnTheAgentsStandardInput() {
        Map<String, String> db06 = files("db06");
        assertEquals("""
                ip=172.30.207.157
                username=admin
                password=s3cret-Bmc
                lanplus=1
                cipher=3
                method=onoff
                """, db06.get("/etc/keepalived/pg_fence_peer.conf"));
        assertTrue(files("db07").get("/etc/keepalived/pg_fence_peer.conf").startsWith("ip=172.30.207.156\n"));
        String guard = db06.get("/etc/keepalived/pg_active_standby.sh");
        assertTrue(guard.contains("PEER_FENCE_AGENT=fence_ipmilan"), guard);
        assertTrue(guard.contains("FENCE_PEER_FILE=/etc/keepalived/pg_fence_peer.conf"), guard);
        assertFalse(guard.contains("s3cret"), "the password is in the 0600 file only");
        assertEquals(List.of(), problems());
    }

    @Test
    void theFileIsRootOnlyAndAbsentWithoutADevice() throws IOException {
        Map<String, Object> vars = new ClusterVars(SeedInventory.load(inv), defaults).forHost("db06");
        RenderedFile f = new ConfigRenderer(Path.of("templates")).render(vars).stream()
                .filter(r -> r.path().endsWith("pg_fence_peer.conf")).findFirst().orElseThrow();
        assertEquals("0600", f.file().mode());
        assertEquals("root", f.file().owner());
        replace("host_vars/db07.yml", "pg_fence_agent: fence_ipmilan", "pg_fence_agent: \"\"");
        assertFalse(files("db06").containsKey("/etc/keepalived/pg_fence_peer.conf"), "db07 has no device: db06 has nothing to shoot with");
        assertTrue(files("db06").get("/etc/keepalived/pg_active_standby.sh").contains("PEER_FENCE_AGENT=''"));
    }

    @Test
    void badDevicesAreRefusedNamingTheField() throws IOException {
        replace("host_vars/db06.yml", "pg_fence_agent: fence_ipmilan", "pg_fence_agent: ipmitool; reboot");
        replace("host_vars/db07.yml", "pg_fence_options: {lanplus: 1, cipher: 3}", "pg_fence_options: {lanplus: 1, action: reboot, Bad-Key: 2}");
        List<String> p = problems();
        assertTrue(p.stream().anyMatch(s -> s.contains("pg_fence_agent") && s.contains("'ipmitool; reboot' is not a fence-agents agent name")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("'action' is not an option pgha can pass")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("'Bad-Key' is not an option pgha can pass")), p.toString());
    }

    @Test
    void aMissingAddressOrPasswordAndARaceTheStandbyCouldWinAreRefused() throws IOException {
        replace("host_vars/db06.yml", "pg_fence_ip: 172.30.207.156\n", "");
        replace("host_vars/db07.yml", "pg_fence_password_file: " + tmp.resolve("bmc-password") + "\n", "");
        removeLine("hosts.yml", "    pg_fence_password_file: ");   // the lab's, on all
        append("group_vars/cluster.yml", "pg_fence_delay: 3\npg_fence_standby_after: 2\n");
        List<String> p = problems();
        assertTrue(p.stream().anyMatch(s -> s.contains("pg_fence_ip") && s.contains("db06: the power controller's address is missing")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("pg_fence_password") && s.contains("db07: secret not set (needed with pg_fence_user)")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("pg_fence_delay") && s.contains("3 s must be at least pg_fence_standby_after + 2 = 4 s")), p.toString());
    }

    @Test
    void aControllerAtANodesAddressIsNoPowerController() throws IOException {
        replace("host_vars/db06.yml", "pg_fence_ip: 172.30.207.156", "pg_fence_ip: 172.30.107.157");
        List<String> p = problems();
        assertTrue(p.stream().anyMatch(s -> s.contains("db06: 172.30.107.157 is a node of the cluster or its VIP, not a power controller")), p.toString());
    }
}
