package io.pgha.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabFilesTest {
    @TempDir
    Path tmp;

    @Test
    void inventoryHasTheLeadsShapeAndNamesTheLabsOwnFiles() {
        String inv = LabFiles.inventory(LabConfig.fromEnvironment(Map.of(), tmp), "");
        String lab = tmp.toAbsolutePath().normalize().resolve(".lab/pgha-lab").toString();
        assertTrue(inv.endsWith("""
                all:
                  children:
                    cluster:
                      hosts:
                        db06: {ansible_host: 172.30.107.156}
                        db07: {ansible_host: 172.30.107.157}
                  vars:
                    ansible_user: pgha
                    ansible_ssh_private_key_file: LAB/id_ed25519
                    pgha_known_hosts: LAB/known_hosts
                    ansible_become: true
                    pg_replication_password_file: LAB/secrets/pg_replication_password
                    pg_monitor_password_file: LAB/secrets/pg_monitor_password
                    pg_superuser_password_file: LAB/secrets/pg_superuser_password
                    ka_auth_pass_file: LAB/secrets/ka_auth_pass
                    pg_witness_password_file: LAB/secrets/pg_witness_password
                    pg_fence_password_file: LAB/secrets/pg_fence_password
                    pgha_lab_network: 172.30.107.0/24
                    pgha_lab_vip: 172.30.107.159/24
                    pgha_lab_witness: ""
                """.replace("LAB", lab)), inv);
    }

    @Test
    void thePowerFencingInventoryNamesEachNodesControllerOnTheManagementNetwork() {
        LabConfig c = LabConfig.fromEnvironment(Map.of(), tmp);
        String inv = LabFiles.inventory(c, "", true);
        assertTrue(inv.contains("        db06: {ansible_host: 172.30.107.156, pg_fence_ip: 172.30.207.206}\n"
                + "        db07: {ansible_host: 172.30.107.157, pg_fence_ip: 172.30.207.207}\n"), inv);
        assertTrue(inv.endsWith("    pg_fence_agent: fence_ipmilan\n    pg_fence_user: admin\n"
                + "    pg_fence_options: {lanplus: 1, cipher: 3, power_wait: 0, power_timeout: 5}\n"), inv);
        assertFalse(LabFiles.inventory(c, "").contains("pg_fence_agent"), "the lab's own inventory has no fence device");
    }

    @Test
    void aSecondClusterGetsItsOwnInventoryAndLeavesTheFirstAlone() {
        LabConfig two = LabConfig.fromEnvironment(Map.of(), tmp).withClusters(2);
        assertEquals(LabFiles.inventory(LabConfig.fromEnvironment(Map.of(), tmp), ""), LabFiles.inventory(two, ""));
        String inv = LabFiles.twoClusterInventory(two, "");
        assertTrue(inv.contains("""
                        pair2:
                          hosts:
                            db08:
                              ansible_host: 172.30.107.166
                              cluster_role: primary
                """), inv);
        assertTrue(inv.contains("vars: {pg_cluster_group: pair2, ka_vip: 172.30.107.169/24, ka_virtual_router_id: 11}"), inv);
    }

    @Test
    void theInventoriesLiveUnderTheLabsOwnDirectoryLinkedToTheTrackedSettings() throws Exception {
        Path project = tmp.resolve("project");
        for (String name : new String[] {"lab", "lab-source"}) Files.createDirectories(project.resolve("inventories/" + name + "/group_vars"));
        Files.createDirectories(project.resolve("inventories/lab/host_vars"));
        Files.writeString(project.resolve("inventories/lab/host_vars/db06.yml"), "cluster_role: primary\n");
        LabConfig c = LabConfig.fromEnvironment(Map.of("PGHA_LAB_NAME", "side"), project).withClusters(2);
        LabFiles.writeInventories(c, "", true);
        Path lab = project.resolve(".lab/side");
        assertEquals(Path.of("../../inventories/lab/group_vars"), Files.readSymbolicLink(lab.resolve("group_vars")));
        assertEquals(Path.of("../../../inventories/lab-source/group_vars"), Files.readSymbolicLink(lab.resolve("source/group_vars")));
        assertEquals(Path.of("../host_vars"), Files.readSymbolicLink(lab.resolve("two-clusters/host_vars")));
        assertFalse(Files.isSymbolicLink(lab.resolve("host_vars")), "host_vars is the lab's own: a switchover rewrites it");
        // a switchover's edit stays while the nodes do, and a new lab starts from the tracked roles again
        Files.writeString(lab.resolve("host_vars/db06.yml"), "cluster_role: standby\n");
        assertTrue(LabFiles.writeInventories(c, "", false).isEmpty(), "nothing to write again");
        assertEquals("cluster_role: standby\n", Files.readString(lab.resolve("host_vars/db06.yml")));
        LabFiles.writeInventories(c, "", true);
        assertEquals("cluster_role: primary\n", Files.readString(lab.resolve("host_vars/db06.yml")));
        assertTrue(Files.readString(lab.resolve("hosts.yml")).contains("(lab 'side', 172.30.107.0/24)"));
    }

    @Test
    void aRunningWitnessIsNamedByItsAddress() {
        String inv = LabFiles.inventory(LabConfig.fromEnvironment(Map.of(), tmp), "172.30.107.158");
        assertTrue(inv.contains("\n    pgha_lab_witness: \"172.30.107.158\"\n"), inv);
    }

    @Test
    void knownHostsLinesPerNodeKey() {
        Map<LabNode, List<String>> keys = new LinkedHashMap<>();
        keys.put(new LabNode("db06", "10.0.0.6"), List.of("ssh-ed25519 AAA6", "ssh-rsa BBB6"));
        keys.put(new LabNode("db07", "10.0.0.7"), List.of("ssh-ed25519 AAA7"));
        assertEquals("10.0.0.6 ssh-ed25519 AAA6\n10.0.0.6 ssh-rsa BBB6\n10.0.0.7 ssh-ed25519 AAA7\n", LabFiles.knownHosts(keys));
    }

    @Test
    void writesOnlyWhenChanged() throws Exception {
        Path f = tmp.resolve("a/b/hosts.yml");
        assertTrue(LabFiles.writeIfChanged(f, "x\n"));
        assertFalse(LabFiles.writeIfChanged(f, "x\n"));
        assertTrue(LabFiles.writeIfChanged(f, "y\n"));
        assertEquals("y\n", Files.readString(f));
    }

    @Test
    void keyPairIsMadeOnceWithAPrivateFile() throws Exception {
        Path priv = tmp.resolve(".lab/id_ed25519");
        Path pub = tmp.resolve(".lab/id_ed25519.pub");
        assertTrue(LabKeys.ensure(priv, pub, "pgha-lab@test"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        assertTrue(Files.readString(priv).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
        String line = LabKeys.publicKeyLine(pub);
        assertTrue(line.matches("ssh-ed25519 [A-Za-z0-9+/=]+ pgha-lab@test"), line);
        assertFalse(LabKeys.ensure(priv, pub, "pgha-lab@test"), "kept");
        assertEquals(line, LabKeys.publicKeyLine(pub));
    }

    @Test
    void imageTagHashesTheBuildContext() {
        String tag = LabImage.NODE.tag();
        assertTrue(tag.matches("pgha-lab-node:[0-9a-f]{12}"), tag);
        assertEquals(tag, LabImage.NODE.tag());
        String witness = LabImage.WITNESS.tag();
        assertTrue(witness.matches("pgha-lab-witness:[0-9a-f]{12}"), witness);
        assertEquals(witness, LabImage.WITNESS.tag());
    }

    @Test
    void theWitnessTagChangesWithTheNodeContextOrItsOwn() {
        LabImage node = LabImage.NODE.withSource(changed("Dockerfile"));
        assertNotEquals(LabImage.NODE.tag(), node.tag());
        assertNotEquals(LabImage.WITNESS.tag(), LabImage.WITNESS.withParent(node).tag(), "the node's Dockerfile changed");
        assertNotEquals(LabImage.WITNESS.tag(),
                LabImage.WITNESS.withParent(LabImage.NODE.withSource(changed("ssh-hostkeys.service"))).tag(), "a node file changed");
        assertNotEquals(LabImage.WITNESS.tag(), LabImage.WITNESS.withSource(changed("witness/Dockerfile")).tag(), "its own Dockerfile");
        assertEquals(LabImage.NODE.tag(), LabImage.NODE.withSource(changed("witness/Dockerfile")).tag(), "the node ignores the witness's");
    }

    /** The lab resources, one of them with a line added. */
    private static Function<String, byte[]> changed(String name) {
        return f -> f.equals(name) ? (new String(LabImage.resource(f), StandardCharsets.UTF_8) + "# changed\n")
                .getBytes(StandardCharsets.UTF_8) : LabImage.resource(f);
    }
}
