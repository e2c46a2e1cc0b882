package io.pgha.ops.render;

import io.pgha.core.InputException;
import io.pgha.inventory.Inventory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each bad input the cluster validator catches, on a copy of the seed inventory with one thing broken. */
class ClusterValidatorTest {
    @TempDir Path tmp;
    Path inv;
    Map<String, Object> defaults;

    @BeforeEach
    void setUp() {
        inv = SeedInventory.copy("seed", tmp, SeedInventory.ARTICLE_SECRETS);
        defaults = DefaultVars.load(Path.of(DefaultVars.RELATIVE_PATH));
    }

    private List<InputException> problems() {
        return new ClusterValidator().withoutFileChecks().problems(SeedInventory.load(inv), defaults);
    }

    private InputException onlyProblem(List<InputException> problems) {
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems.stream().map(InputException::describe).toList());
        return problems.get(0);
    }

    private void replace(String file, String from, String to) throws IOException {
        Path p = inv.resolve(file);
        String text = Files.readString(p);
        assertTrue(text.contains(from), file + " has no '" + from + "'");
        Files.writeString(p, text.replace(from, to));
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError(text + " not in " + file);
    }

    private void assertAt(InputException e, String field, String file, String lineText) throws IOException {
        assertEquals(field, e.field(), e.describe());
        assertTrue(e.location().file().endsWith(file), e.describe());
        assertEquals(lineOf(inv.resolve(file), lineText), e.location().line(), e.describe());
    }

    @Test
    void theSeedInventoryIsValid() {
        assertEquals(List.of(), problems().stream().map(InputException::describe).toList());
    }

    @Test
    void twoPrimaries() throws IOException {
        replace("host_vars/db07.yml", "cluster_role: standby", "cluster_role: primary");
        InputException e = onlyProblem(problems());
        assertAt(e, "cluster_role", "host_vars/db07.yml", "cluster_role: primary");
        assertTrue(e.getMessage().contains("2 primaries [db06, db07]"), e.getMessage());
    }

    @Test
    void noPrimary() throws IOException {
        replace("host_vars/db06.yml", "cluster_role: primary", "cluster_role: standby");
        InputException e = onlyProblem(problems());
        assertAt(e, "cluster_role", "host_vars/db06.yml", "cluster_role: standby");
        assertTrue(e.getMessage().contains("no primary"), e.getMessage());
    }

    @Test
    void unknownRole() throws IOException {
        replace("host_vars/db07.yml", "cluster_role: standby", "cluster_role: replica");
        List<InputException> problems = problems();
        assertAt(problems.get(0), "cluster_role", "host_vars/db07.yml", "cluster_role: replica");
        assertTrue(problems.get(0).getMessage().contains("must be primary or standby, got 'replica'"));
    }

    @Test
    void vipOutsideTheNodesSubnet() throws IOException {
        replace("group_vars/cluster.yml", "ka_vip: 172.16.107.159/24", "ka_vip: 172.16.108.159/24");
        List<InputException> problems = problems();
        assertFalse(problems.isEmpty());
        for (InputException e : problems) assertAt(e, "ka_vip", "group_vars/cluster.yml", "ka_vip:");
        assertTrue(problems.stream().anyMatch(e -> e.getMessage().contains("not in the subnet of db06 (172.16.107.156)")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(e -> e.getMessage().contains("outside pg_cluster_network 172.16.107.0/24")));
    }

    @Test
    void vipWithoutPrefix() throws IOException {
        replace("group_vars/cluster.yml", "ka_vip: 172.16.107.159/24", "ka_vip: 172.16.107.159");
        InputException e = problems().get(0);
        assertAt(e, "ka_vip", "group_vars/cluster.yml", "ka_vip:");
        assertTrue(e.getMessage().contains("not an address with its prefix"), e.getMessage());
    }

    @Test
    void twoClustersShareAVirtualRouterIdOnOneNetwork() throws IOException {
        Files.writeString(inv.resolve("hosts.yml"), """
                all:
                  children:
                    cluster:
                      hosts:
                        db06: {ansible_host: 172.16.107.156}
                        db07: {ansible_host: 172.16.107.157}
                    billing:
                      hosts:
                        db08: {ansible_host: 172.16.107.158, cluster_role: primary}
                        db09: {ansible_host: 172.16.107.160, cluster_role: standby}
                """);
        Files.writeString(inv.resolve("group_vars/billing.yml"), """
                pg_cluster_group: billing
                pg_cluster_network: 172.16.107.0/24
                ka_vip: 172.16.107.161/24
                ka_virtual_router_id: 10
                pg_replication_password_file: secrets/pg_replication_password
                pg_monitor_password_file: secrets/pg_monitor_password
                ka_auth_pass_file: secrets/ka_auth_pass
                """);
        InputException e = onlyProblem(problems());
        assertAt(e, "ka_virtual_router_id", "group_vars/billing.yml", "ka_virtual_router_id: 10");
        assertTrue(e.getMessage().contains("clusters 'cluster' and 'billing' both use virtual_router_id 10 on 172.16.107.0/24"), e.getMessage());

        replace("group_vars/billing.yml", "ka_virtual_router_id: 10", "ka_virtual_router_id: 11");
        assertEquals(List.of(), problems());
    }

    @Test
    void sourceTarballThatDoesNotExist() throws IOException {
        Inventory inventory = SeedInventory.load(inv);
        List<InputException> problems = new ClusterValidator().problems(inventory, defaults);
        assertEquals(2, problems.size(), problems.toString());   // one per node, both from group_vars
        assertAt(problems.get(0), "pg_source_tarball", "group_vars/cluster.yml", "pg_source_tarball:");
        assertTrue(problems.get(0).getMessage().contains("files/postgresql-16.2.tar.gz does not exist"), problems.get(0).getMessage());
        assertAt(problems.get(1), "ka_source_tarball", "group_vars/cluster.yml", "ka_source_tarball:");

        Files.writeString(inv.resolve("files/postgresql-16.2.tar.gz"), "x");
        Files.writeString(inv.resolve("files/keepalived-2.2.8.tar.gz"), "x");
        assertEquals(List.of(), new ClusterValidator().problems(SeedInventory.load(inv), defaults));
    }

    @Test
    void postgresqlMajorTheTemplatesDoNotKnow() throws IOException {
        replace("group_vars/cluster.yml", "pg_version: \"16.2\"", "pg_version: \"12.18\"");
        InputException e = onlyProblem(problems());
        assertAt(e, "pg_version", "group_vars/cluster.yml", "pg_version:");
        assertTrue(e.getMessage().contains("PostgreSQL 12.18 (major 12) is not one the templates know"), e.getMessage());
    }

    @Test
    void authPassLongerThanEightCharacters() throws IOException {
        Map<String, String> secrets = new HashMap<>(SeedInventory.ARTICLE_SECRETS);
        secrets.put("ka_auth_pass", "Test12345");
        inv = SeedInventory.copy("seed", tmp.resolve("long"), secrets);
        InputException e = onlyProblem(problems());
        assertAt(e, "ka_auth_pass", "group_vars/cluster.yml", "ka_auth_pass_file:");
        assertTrue(e.getMessage().contains("is 9 characters long"), e.getMessage());
        assertFalse(e.describe().contains("Test12345"), "the secret must not appear: " + e.describe());
    }

    @Test
    void secretNotGiven() throws IOException {
        replace("group_vars/cluster.yml", "ka_auth_pass_file: secrets/ka_auth_pass\n", "");
        List<InputException> problems = problems();
        assertEquals(2, problems.size(), problems.toString());     // db06 and db07
        assertEquals("ka_auth_pass", problems.get(0).field());
        assertTrue(problems.get(0).getMessage().contains("give ka_auth_pass_file"), problems.get(0).getMessage());
    }

    @Test
    void secretFileMissingNamesTheReference() throws IOException {
        Files.delete(inv.resolve("secrets/pg_replication_password"));
        InputException e = assertThrows(InputException.class, this::problems);
        assertAt(e, "pg_replication_password_file", "group_vars/cluster.yml", "pg_replication_password_file:");
    }

    @Test
    void nodesDisagreeOnAClusterWideValue() throws IOException {
        Files.writeString(inv.resolve("host_vars/db07.yml"), Files.readString(inv.resolve("host_vars/db07.yml")) + "pg_port: 5432\n");
        InputException e = onlyProblem(problems());
        assertAt(e, "pg_port", "host_vars/db07.yml", "pg_port: 5432");
        assertTrue(e.getMessage().contains("differs between db06 and db07"), e.getMessage());
    }

    @Test
    void promotionLagLimitBelowTheFailoverTime() throws IOException {
        Files.writeString(inv.resolve("group_vars/cluster.yml"), Files.readString(inv.resolve("group_vars/cluster.yml"))
                + "pg_promote_max_lag_seconds: 20\n");
        List<InputException> problems = problems();
        assertEquals("pg_promote_max_lag_seconds", problems.get(0).field());
        assertTrue(problems.get(0).getMessage().contains("below ka_check_interval x (ka_check_fall + 1) = 40 s"), problems.get(0).getMessage());
    }

    @Test
    void threeNodesInOneCluster() throws IOException {
        replace("hosts.yml", "        db07:\n          ansible_host: 172.16.107.157\n",
                "        db07:\n          ansible_host: 172.16.107.157\n        db08:\n          ansible_host: 172.16.107.158\n          cluster_role: standby\n");
        InputException e = problems().get(0);
        assertEquals("pg_cluster_group", e.field());
        assertTrue(e.getMessage().contains("has 3 node(s) [db06, db07, db08]"), e.getMessage());
    }

    @Test
    void unknownInstallMethod() throws IOException {
        replace("group_vars/cluster.yml", "pg_install_method: source", "pg_install_method: rpm");
        InputException e = onlyProblem(problems());
        assertAt(e, "pg_install_method", "group_vars/cluster.yml", "pg_install_method: rpm");
    }

    @Test
    void replicationModeIsOneOfThree() throws IOException {
        append("pg_replication_mode: synchronous\n");
        InputException e = onlyProblem(problems());
        assertAt(e, "pg_replication_mode", "group_vars/cluster.yml", "pg_replication_mode: synchronous");
    }

    @Test
    void synchronousModesOwnSynchronousStandbyNames() throws IOException {
        append("pg_replication_mode: strict\npg_synchronous_standby_names: \"*\"\n");
        InputException e = onlyProblem(problems());
        assertAt(e, "pg_synchronous_standby_names", "group_vars/cluster.yml", "pg_synchronous_standby_names:");
        assertTrue(e.getMessage().contains("must be empty with pg_replication_mode strict"), e.getMessage());
    }

    @Test
    void synchronousModesTakePlainApplicationNames() throws IOException {
        append("pg_replication_mode: sync\n");
        replace("host_vars/db07.yml", "pg_application_name: pgdb02", "pg_application_name: \"pg db'02\"");
        InputException e = onlyProblem(problems());
        assertAt(e, "pg_application_name", "host_vars/db07.yml", "pg_application_name:");
        assertTrue(e.getMessage().contains("it lands in synchronous_standby_names"), e.getMessage());
    }

    @Test
    void aDegradeWaitShorterThanAFailoverIsRefused() throws IOException {
        append("pg_replication_mode: sync\npg_sync_degrade_after: 30\n");
        InputException e = onlyProblem(problems());
        assertAt(e, "pg_sync_degrade_after", "group_vars/cluster.yml", "pg_sync_degrade_after: 30");
        assertTrue(e.getMessage().contains("must exceed ka_check_interval x (ka_check_fall + 3) + ka_check_timeout + 2 = 62 s"), e.getMessage());
    }

    @Test
    void theDefaultDegradeWaitFollowsTheHealthCheck() throws IOException {
        append("pg_replication_mode: sync\n");
        replace("group_vars/cluster.yml", "ka_check_interval: 10", "ka_check_interval: 1");
        assertEquals(List.of(), problems().stream().map(InputException::describe).toList(),
                "1 s x (3 + 3) + 5 = 11 s by default, above the 8 s a failover can take");
    }

    @Test
    void withAWitnessTheDegradeWaitOutlastsTheLeaseToo() throws IOException {
        append("pg_replication_mode: sync\npg_witness_host: 172.16.107.158\npg_witness_password_file: secrets/pg_witness_password\n");
        replace("group_vars/cluster.yml", "ka_check_interval: 10", "ka_check_interval: 1");
        List<InputException> problems = problems().stream().filter(p -> p.field().startsWith("pg_sync")).toList();
        assertEquals(List.of(), problems.stream().map(InputException::describe).toList(), "by default 8 + 3 x 1 + 5 = 16 s");
        append("pg_sync_degrade_after: 12\n");
        InputException e = onlyProblem(problems().stream().filter(p -> p.field().startsWith("pg_sync")).toList());
        assertTrue(e.getMessage().contains("must exceed pg_lease_ttl + 3 x ka_check_interval + 2 = 13 s"), e.getMessage());
    }

    private void append(String yaml) throws IOException {
        Path p = inv.resolve("group_vars/cluster.yml");
        Files.writeString(p, Files.readString(p) + yaml);
    }
}
