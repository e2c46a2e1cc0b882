package io.pgha.ops.render;

import io.pgha.core.InputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 7, part 2: each value that would execute or inject when rendered is refused at its file:line. */
class VariableRulesTest {
    @TempDir Path tmp;
    SeedCase seed;

    @BeforeEach
    void setUp() { seed = new SeedCase(tmp); }

    private InputException refusedAt(String field, String file, String yamlLine) {
        int line = seed.append(file, yamlLine + "\n");
        return seed.problemAt(seed.problems(), field, file, line);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "pg_port            | '\"6543;touch /tmp/x\"'  | a port number",
            "pg_port            | 70000                    | a port number",
            "pg_monitor_table   | '\"sr_delay; drop table x\"' | a lower-case PostgreSQL name",
            "pg_socket_dir      | '\"/tmp;touch /tmp/x\"'  | an absolute path",
            "pg_socket_dir      | '\"/tmp/a b\"'           | no spaces",
            "pg_data            | '\"/home/postgres/$(id)\"' | an absolute path",
            "pg_data            | relative/pgdata          | an absolute path",
            "pg_data            | '\"/home/postgres/../etc\"' | without . or ..",
            "ka_interface       | '\"ens192 #\"'           | a network interface name",
            "ka_vrrp_instance   | '\"VI_1 {\"'             | a single word",
            "pg_cluster_name    | '\"PG`id`\"'             | a single word",
            "pg_replication_user | '\"replicator'' or 1=1\"' | a PostgreSQL name",
            "pg_user            | '\"postgres;id\"'        | a user or group name",
            "ka_check_interval  | '\"10; touch /tmp/x\"'   | a whole number",
            "ka_options         | '\"-f /etc/k.conf\\\" ; id\"' | words of letters",
            "pg_build_ccache_dir | '\"/var/cache/ccache;id\"' | empty (off), or an absolute path",
            "pg_build_ccache_dir | var/cache/ccache        | empty (off), or an absolute path",
            "pg_build_ccache_dir | '\"/var/cache/c c\"'    | no spaces",
            "pg_build_ccache_dir | '\"/var/../etc\"'       | without . or ..",
    })
    void aValueThatWouldInjectIsRefused(String field, String value, String expected) {
        InputException e = refusedAt(field, "group_vars/cluster.yml", field.strip() + ": " + value.strip());
        assertTrue(e.getMessage().contains(expected.strip()), e.describe());
    }

    @Test
    void aNewlineInAKeepalivedWordIsRefusedWithoutBreakingTheMessage() {
        InputException e = refusedAt("ka_router_id", "host_vars/db06.yml", "ka_router_id: \"DB1\\nvrrp_script x {\"");
        assertTrue(e.getMessage().contains("a newline"), e.describe());
        assertFalse(e.describe().contains("\n"), "one line: " + e.describe());
    }

    @Test
    void aNewlineInTheClusterNameIsRefused() {
        InputException e = refusedAt("pg_cluster_name", "group_vars/cluster.yml", "pg_cluster_name: \"PG\\nDB\"");
        assertTrue(e.getMessage().contains("control character"), e.describe());
    }

    @Test
    void aNewlineInsideAListIsRefused() {
        InputException e = refusedAt("pg_hba_extra_entries", "group_vars/cluster.yml",
                "pg_hba_extra_entries: [{type: host, database: all, user: \"all\\nhost all all 0.0.0.0/0 trust\", address: 10.0.0.0/8, method: md5}]");
        assertTrue(e.getMessage().contains("a newline"), e.describe());
    }

    @Test
    void anExtraVarIsCheckedLikeTheInventory() {
        List<InputException> problems = seed.problems(Map.of("pg_port", "6543;touch /tmp/x"));
        InputException e = problems.stream().filter(p -> "pg_port".equals(p.field())).findFirst().orElseThrow();
        assertEquals("extra vars (-e pg_port)", e.location().file(), e.describe());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "172.16.107.159/0   | prefix /0",
            "172.16.107.0/24    | the network address",
            "172.16.107.255/24  | the broadcast address",
            "172.16.107.156/24  | db06's own address",
    })
    void aVipNoNodeCanHoldIsRefused(String vip, String expected) {
        seed.append("group_vars/cluster.yml", "");
        InputException e = refusedAt("ka_vip", "group_vars/cluster.yml", "ka_vip: " + vip.strip());
        assertTrue(e.getMessage().contains(expected.strip()), e.describe());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"'Te st12'", "'Test#12'", "'Test!12'", "'Te\"st12'", "'Te\\st12'", "'Tést12'"})
    void anAuthPassKeepalivedWouldNotReadLiterallyIsRefusedWithoutShowingIt(String pass) {
        Map<String, String> secrets = new HashMap<>(SeedInventory.ARTICLE_SECRETS);
        secrets.put("ka_auth_pass", pass);
        seed = new SeedCase(tmp.resolve("auth"), secrets);
        List<InputException> problems = seed.problems();
        InputException e = problems.stream().filter(p -> "ka_auth_pass".equals(p.field())).findFirst()
                .orElseThrow(() -> new AssertionError(problems));
        assertTrue(e.getMessage().contains("does not read literally"), e.describe());
        assertFalse(e.describe().contains(pass), e.describe());
    }

    @Test
    void aCcacheFolderOrNonePasses() {
        seed.append("group_vars/cluster.yml", "pg_build_ccache_dir: \"\"\n");
        assertEquals(List.of(), seed.problems().stream().map(InputException::describe).toList());
        seed = new SeedCase(tmp.resolve("ccache"));
        seed.append("group_vars/cluster.yml", "pg_build_ccache_dir: /var/cache/pgha-lab/ccache\n");
        assertEquals(List.of(), seed.problems().stream().map(InputException::describe).toList());
    }

    @Test
    void theSeedAndADataDirectoryWithASpacePass() {
        assertEquals(List.of(), seed.problems());
        seed.append("group_vars/cluster.yml", "pg_data: \"/home/postgres/pg data\"\npg_application_name: \"pg'db \\\"02\\\\\"\n");
        assertEquals(List.of(), seed.problems().stream().map(InputException::describe).toList());
    }
}
