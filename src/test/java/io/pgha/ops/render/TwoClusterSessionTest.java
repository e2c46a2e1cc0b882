package io.pgha.ops.render;

import io.pgha.core.InputException;
import io.pgha.engine.RunOptions;
import io.pgha.inventory.Host;
import io.pgha.lab.LabConfig;
import io.pgha.lab.LabFiles;
import io.pgha.ops.ClusterSession;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.transport.ssh.SshConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One inventory, two clusters: which verbs take both, how --limit chooses one, and what each cluster's session sees. */
class TwoClusterSessionTest {
    @TempDir Path tmp;
    Path inv;
    Toolkit kit;
    final ProjectLayout layout = new ProjectLayout(Path.of("").toAbsolutePath());

    @BeforeEach
    void twoClusters() throws IOException {
        // what `pgha lab up --clusters 2` writes for the default lab, next to a copy of the lab's inventory whose
        // group_vars and host_vars it links
        inv = SeedInventory.copy("lab", tmp, SeedInventory.ARTICLE_SECRETS).resolveSibling("lab-two-clusters");
        Files.createDirectories(inv);
        LabConfig config = LabConfig.fromEnvironment(Map.of(), tmp).withClusters(2);
        Files.writeString(inv.resolve("hosts.yml"), LabFiles.twoClusterInventory(config, ""));
        Files.createSymbolicLink(inv.resolve("group_vars"), Path.of("../lab/group_vars"));
        Files.createSymbolicLink(inv.resolve("host_vars"), Path.of("../lab/host_vars"));
        kit = new Toolkit(tmp, new SshConnector());
    }

    @AfterEach
    void close() { kit.close(); }

    ClusterSession open(String limit) {
        return ClusterSession.open(kit, layout, inv, RunOptions.defaults().withLimit(limit), null);
    }

    ClusterSession openAll(String limit) {
        return ClusterSession.openAll(kit, layout, inv, RunOptions.defaults().withLimit(limit), null);
    }

    static List<String> names(List<Host> hosts) { return hosts.stream().map(Host::name).toList(); }

    @Test
    void aOneClusterVerbRefusesTwoAndNamesThem() {
        InputException e = assertThrows(InputException.class, () -> open(null));
        assertEquals("pg_cluster_group", e.field());
        assertTrue(e.getMessage().contains("holds 2 clusters: pair1 (db06, db07), pair2 (db08, db09)"), e.getMessage());
        assertTrue(e.getMessage().contains("choose it with --limit NAME"), e.getMessage());
    }

    @Test
    void limitChoosesOneClusterByItsGroupOrANode() {
        try (ClusterSession s = open("pair2")) {
            assertEquals("pair2", s.name());
            assertEquals(List.of("db08", "db09"), names(s.inventory().hosts()));
            assertEquals("db08", s.target().primary());
            assertEquals("172.30.107.169", s.target().vip());
            assertEquals("11", s.var("db09", "ka_virtual_router_id"));
            // the other cluster's nodes are not in groups, so the peer is this cluster's other node
            assertEquals("db09", s.var("db08", "pg_peer_name"));
            assertEquals(List.of("db08", "db09"), ((Map<?, ?>) s.inventory().hostVars("db08").get("groups")).get("all"));
        }
        try (ClusterSession s = open("db07")) {
            assertEquals("pair1", s.name());
            assertEquals("db06", s.target().primary());
            assertEquals("172.30.107.159", s.target().vip());
            assertEquals("10", s.var("db06", "ka_virtual_router_id"));
        }
    }

    @Test
    void aLimitThatSelectsNoClusterNodeIsRefused() {
        InputException e = assertThrows(InputException.class, () -> openAll("all:!cluster"));
        assertTrue(e.getMessage().contains("selects no node of a cluster"), e.getMessage());
        assertThrows(InputException.class, () -> openAll("db99"));
    }

    @Test
    void aSessionOfAllHasEachClusterOnItsOwn() {
        try (ClusterSession s = openAll(null)) {
            assertEquals(List.of("db06", "db07", "db08", "db09"), names(s.inventory().hosts()));
            assertEquals(List.of("pair1", "pair2"), s.clusters().stream().map(ClusterSession::name).toList());
            assertEquals(List.of("db06", "db08"), s.clusters().stream().map(c -> c.target().primary()).toList());
            assertThrows(IllegalStateException.class, s::target, "several clusters have no one target");
            // the playbooks see all four nodes, each with its own cluster's peer
            assertEquals("db07", s.var("db06", "pg_peer_name"));
            assertEquals("db08", s.var("db09", "pg_peer_name"));
        }
        try (ClusterSession s = openAll("pair1")) {
            assertEquals(List.of("pair1"), s.clusters().stream().map(ClusterSession::name).toList());
            assertEquals("db06", s.target().primary());
        }
    }
}
