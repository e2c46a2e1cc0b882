package io.pgha.ops.render;

import io.pgha.core.InputException;
import io.pgha.engine.RunOptions;
import io.pgha.inventory.Host;
import io.pgha.ops.ClusterSession;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
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
    /** The lab's layout for two clusters: its group_vars apply to both through the parent group, each pair overrides its VIP. */
    static final String TWO_CLUSTERS = """
            all:
              vars:
                ansible_user: pgha
                ansible_become: true
                pgha_lab_network: 172.30.107.0/24
                pgha_lab_vip: 172.30.107.159/24
              children:
                cluster:
                  children:
                    pair1:
                      hosts:
                        db06: {ansible_host: 172.30.107.156}
                        db07: {ansible_host: 172.30.107.157}
                      vars: {pg_cluster_group: pair1}
                    pair2:
                      hosts:
                        db08: {ansible_host: 172.30.107.166, cluster_role: primary, pg_application_name: pgdb03, ka_router_id: DB3_PG_HA}
                        db09: {ansible_host: 172.30.107.167, cluster_role: standby, pg_application_name: pgdb04, ka_router_id: DB4_PG_HA}
                      vars: {pg_cluster_group: pair2, ka_vip: 172.30.107.169/24, ka_virtual_router_id: 11}
            """;

    @TempDir Path tmp;
    Path inv;
    Toolkit kit;
    final ProjectLayout layout = new ProjectLayout(Path.of("").toAbsolutePath());

    @BeforeEach
    void twoClusters() throws IOException {
        inv = SeedInventory.copy("lab", tmp, SeedInventory.ARTICLE_SECRETS);
        Files.writeString(inv.resolve("hosts.yml"), TWO_CLUSTERS);
        kit = new Toolkit(tmp);
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
