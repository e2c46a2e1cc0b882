package io.pgha.lab;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabConfigTest {
    final Path dir = Path.of("/srv/pgha");

    @Test
    void defaults() {
        LabConfig c = LabConfig.fromEnvironment(Map.of(), dir);
        assertEquals("pgha-lab", c.name());
        assertEquals("172.30.107.0/24", c.subnet());
        assertEquals("172.30.107.156", c.node("db06").address());
        assertEquals("172.30.107.157", c.node("db07").address());
        assertEquals("172.30.107.159", c.vip());
        assertEquals("pgha-lab-db07", c.containerName("db07"));
        assertEquals(Path.of("/srv/pgha/.lab/pgha-lab/id_ed25519"), c.privateKey());
        assertEquals(Path.of("/srv/pgha/.lab/pgha-lab/hosts.yml"), c.inventoryFile());
        assertEquals(Path.of("/srv/pgha/.lab/pgha-lab/source/hosts.yml"), c.sourceInventoryFile());
        assertTrue(c.isDefault());
    }

    @Test
    void theCcacheFolderIsTheMachinesLabStateAndWhatLabSourceBuildsWith() throws java.io.IOException {
        assertEquals(Path.of("/var/lib/pgha-lab/ccache"), LabConfig.hostCcacheDir(Map.of()));
        assertEquals(Path.of("/srv/lab-state/ccache"), LabConfig.hostCcacheDir(Map.of(LabConfig.ENV_STATE, "/srv/lab-state")));
        // the source-build inventory compiles through ccache in the folder every node has mounted
        String vars = java.nio.file.Files.readString(Path.of("inventories/lab-source/group_vars/cluster.yml"));
        assertTrue(vars.contains("\npg_build_ccache_dir: " + LabConfig.NODE_CCACHE_DIR + "\n")
                || vars.contains("\npg_build_ccache_dir: " + LabConfig.NODE_CCACHE_DIR + " "), vars);
    }

    @Test
    void theSpareAddressIsNoLabPartsAddress() {
        LabConfig c = LabConfig.fromEnvironment(Map.of(), dir).withClusters(2);
        Set<String> held = new HashSet<>(List.of(c.vip(), c.secondVip(), c.witness().address()));
        c.nodes().forEach(n -> held.add(n.address()));
        assertEquals(7, held.size());
        assertFalse(held.contains(c.spareAddress()), c.spareAddress() + " is held by a lab part: " + held);
        assertTrue(c.spareAddress().startsWith("172.30.107."));
    }

    @Test
    void theManagementNetworkIsTheLabsThirdOctetPlusAHundredAndHoldsEachNodesController() {
        LabConfig c = LabConfig.fromEnvironment(Map.of(), dir);
        assertEquals("172.30.207.0/24", c.mgmtSubnet());
        assertEquals("172.30.207.156", c.mgmtAddress(c.node("db06")));
        assertEquals("172.30.207.207", c.bmcAddress(c.node("db07")));
        assertEquals("pgha-lab-bmc-db06", c.bmcContainerName("db06"));
        assertEquals("172.30.100.0/24", LabConfig.fromEnvironment(Map.of("PGHA_LAB_SUBNET", "172.30.200"), dir).mgmtSubnet());
    }

    @Test
    void environmentMovesTheLab() {
        LabConfig c = LabConfig.fromEnvironment(Map.of("PGHA_LAB_NAME", "pgha-labtest", "PGHA_LAB_SUBNET", " 172.30.108 "), dir);
        assertEquals("pgha-labtest", c.networkName());
        assertEquals("172.30.108.0/24", c.subnet());
        assertEquals("172.30.108.157", c.node("db07").address());
        assertEquals("pgha-labtest-db06", c.containerName("db06"));
        // what it writes is its own: two labs side by side share no file
        assertEquals(Path.of("/srv/pgha/.lab/pgha-labtest/known_hosts"), c.knownHosts());
        assertEquals(Path.of("/srv/pgha/.lab/pgha-labtest/secrets"), c.secretsDir());
    }

    @Test
    void badValuesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabConfig.fromEnvironment(Map.of("PGHA_LAB_SUBNET", "172.30.300"), dir));
        assertTrue(e.getMessage().startsWith("PGHA_LAB_SUBNET: '172.30.300' must be the first three octets"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabConfig.fromEnvironment(Map.of("PGHA_LAB_SUBNET", "172.30.107.0"), dir));
        e = assertThrows(IllegalArgumentException.class, () -> LabConfig.fromEnvironment(Map.of("PGHA_LAB_NAME", "Bad Name"), dir));
        assertTrue(e.getMessage().startsWith("PGHA_LAB_NAME: 'Bad Name'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabConfig.fromEnvironment(Map.of(), dir).node("db08"));
        e = assertThrows(IllegalArgumentException.class, () -> LabConfig.cpuShares(Map.of("PGHA_LAB_CPU_SHARES", "1")));
        assertTrue(e.getMessage().startsWith("PGHA_LAB_CPU_SHARES: '1' is not a cpu-shares weight"), e.getMessage());
    }

    @Test
    void cpuSharesDefaultToDockersOwn() {
        assertEquals(1024, LabConfig.cpuShares(Map.of()));
        assertEquals(256, LabConfig.cpuShares(Map.of("PGHA_LAB_CPU_SHARES", " 256 ")));
    }
}
