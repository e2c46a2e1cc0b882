package io.pgha.inventory;

import io.pgha.core.InputException;
import io.pgha.core.Secrets;
import io.pgha.core.SourceLocation;
import io.pgha.transport.ConnectionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YamlInventoryLoaderTest {
    @TempDir Path dir;
    final Secrets secrets = new Secrets();
    final Map<String, String> env = new java.util.HashMap<>();

    private Path write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private Path secret(String rel, String text) throws IOException {
        Path p = write(rel, text);
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    private Inventory load(Path p) {
        return new YamlInventoryLoader(secrets, env::get).load(p);
    }

    private InputException bad(Path p) {
        return assertThrows(InputException.class, () -> {
            Inventory inv = load(p);
            for (Host h : inv.hosts()) inv.connectionSpec(h.name(), false);
        });
    }

    private static final String LAB = """
            all:
              vars:
                ansible_user: pgha
                ansible_ssh_private_key_file: id_test
                pgha_known_hosts: known_hosts
                ansible_become: true
              children:
                pg_cluster:
                  hosts:
                    db06:
                      ansible_host: 172.30.107.156
                      pg_role: primary
                    db07:
                      ansible_host: 172.30.107.157
                      pg_role: standby
            """;

    @Test
    void labShapeLoads() throws IOException {
        write("id_test", "key");
        Path f = write("hosts.yml", LAB);
        Inventory inv = load(f);
        assertEquals(f, inv.source());
        assertEquals(List.of("db06", "db07"), inv.hosts().stream().map(Host::name).toList());
        assertEquals(new SourceLocation(f.toString(), 10, 9), inv.host("db06").location());
        assertNull(inv.host("db99"));
        assertEquals(Set("all", "pg_cluster"), inv.groupNames());
        Map<String, Object> v = inv.hostVars("db07");
        assertEquals("standby", v.get("pg_role"));
        assertEquals(Boolean.TRUE, v.get("ansible_become"));
        assertEquals("db07", v.get("inventory_hostname"));
        assertEquals(List.of("pg_cluster"), v.get("group_names"));
        assertEquals(Map.of("all", List.of("db06", "db07"), "pg_cluster", List.of("db06", "db07")), v.get("groups"));

        ConnectionSpec s = inv.connectionSpec("db06", true);
        assertEquals("db06", s.hostName());
        assertEquals("172.30.107.156", s.address());
        assertEquals(22, s.port());
        assertEquals("pgha", s.user());
        assertEquals(dir.resolve("id_test").toAbsolutePath(), s.privateKey());
        assertEquals(dir.resolve("known_hosts").toAbsolutePath(), s.knownHosts());
        assertTrue(s.acceptNewHostKeys());
        assertEquals(Duration.ofSeconds(10), s.connectTimeout());
        assertNull(s.password());
        assertNull(s.becomePassword());
    }

    private static java.util.Set<String> Set(String... s) { return java.util.Set.of(s); }

    @Test
    void directoryWithHostsYaml() throws IOException {
        write("inv/hosts.yaml", "all:\n  hosts:\n    h1:\n");
        Inventory inv = load(dir.resolve("inv"));
        assertEquals(List.of("h1"), inv.hosts().stream().map(Host::name).toList());
        // a host written only under all: is 'ungrouped', as in Ansible
        assertEquals(List.of("ungrouped"), inv.hostVars("h1").get("group_names"));
        assertEquals(List.of("h1"), inv.groupMembers("ungrouped").stream().map(Host::name).toList());
        InputException e = assertThrows(InputException.class, () -> load(dir.resolve("nothing-here")));
        assertTrue(e.describe().contains("not found"), e.describe());
        Files.createDirectories(dir.resolve("empty"));
        e = assertThrows(InputException.class, () -> load(dir.resolve("empty")));
        assertTrue(e.getMessage().contains("hosts.yml"), e.getMessage());
    }

    @Test
    void precedenceFromAllToHostVars() throws IOException {
        Path f = write("hosts.yml", """
                all:
                  vars:
                    p1: inv_all
                    p2: inv_all
                    p3: inv_all
                    p4: inv_all
                    p5: inv_all
                    p6: inv_all
                    only_all: yes
                  children:
                    parent:
                      vars:
                        p2: inv_parent
                        p3: inv_parent
                        p4: inv_parent
                      children:
                        child:
                          vars:
                            p4: inv_child
                            p7: inv_child
                          hosts:
                            db06:
                              p5: inv_host
                              p8: inv_host
                              p9: inv_host
                    beta:
                      vars: {same_depth: beta}
                      hosts: {db06: }
                    alpha:
                      vars: {same_depth: alpha}
                      hosts:
                        db06:
                          p10: second_mention
                """);
        write("group_vars/all.yml", "p1: gv_all\np2: gv_all\n");
        write("group_vars/parent.yml", "p3: gv_parent\np7: gv_parent\n");
        write("group_vars/child/a.yml", "p8: gv_child\n");
        write("group_vars/child/b.yaml", "p11: gv_child_b\n");
        write("host_vars/db06.yml", "p6: hv\np9: hv\n");
        write("group_vars/README.md", "ignored\n");
        Inventory inv = load(f);
        Map<String, Object> v = inv.hostVars("db06");
        assertEquals("gv_all", v.get("p1"), "group_vars/all beats all: vars");
        assertEquals("inv_parent", v.get("p2"), "parent group beats group_vars/all");
        assertEquals("gv_parent", v.get("p3"), "group_vars/parent beats the parent's inventory vars");
        assertEquals("inv_child", v.get("p4"), "child group beats parent");
        assertEquals("inv_child", v.get("p7"), "child's inventory vars beat group_vars/parent");
        assertEquals("inv_host", v.get("p8"), "host vars beat group_vars/child");
        assertEquals("inv_host", v.get("p5"));
        assertEquals("hv", v.get("p6"), "host_vars beats everything");
        assertEquals("hv", v.get("p9"));
        assertEquals("second_mention", v.get("p10"));
        assertEquals("gv_child_b", v.get("p11"));
        assertEquals("yes", v.get("only_all"), "yes stays a string");
        assertEquals("beta", v.get("same_depth"), "same depth: alphabetical, later wins");
        assertEquals(List.of("alpha", "beta", "child", "parent"), v.get("group_names"));

        Map<String, SourceLocation> o = inv.hostVarOrigins("db06");
        assertEquals(new SourceLocation(dir.resolve("group_vars/parent.yml").toString(), 1, 1), o.get("p3"));
        assertEquals(new SourceLocation(dir.resolve("host_vars/db06.yml").toString(), 2, 1), o.get("p9"));
        assertEquals(new SourceLocation(f.toString(), 13, 9), o.get("p2"));
        assertFalse(o.containsKey("inventory_hostname"));
    }

    @Test
    void childrenNestingAndMembership() throws IOException {
        Path f = write("hosts.yml", """
                all:
                  hosts:
                    lone:
                  children:
                    dc:
                      children:
                        pg:
                          hosts: {db06: , db07: }
                        web:
                          hosts: {w1: }
                    monitored:
                      hosts: {db07: , w1: }
                extra:
                  hosts: {x1: }
                """);
        Inventory inv = load(f);
        assertEquals(List.of("lone", "db06", "db07", "w1", "x1"), inv.hosts().stream().map(Host::name).toList());
        assertEquals(List.of("db06", "db07", "w1"), names(inv.groupMembers("dc")));
        assertEquals(List.of("db07", "w1"), names(inv.groupMembers("monitored")));
        assertEquals(List.of(), inv.groupMembers("nope"));
        assertEquals(List.of("dc", "monitored", "pg"), inv.hostVars("db07").get("group_names"));
        assertEquals(List.of("extra"), inv.hostVars("x1").get("group_names"));
        assertEquals(List.of("ungrouped"), inv.hostVars("lone").get("group_names"));
        @SuppressWarnings("unchecked")
        Map<String, List<String>> groups = (Map<String, List<String>>) inv.hostVars("w1").get("groups");
        assertEquals(List.of("lone", "db06", "db07", "w1", "x1"), groups.get("all"));
        assertEquals(List.of("db06", "db07"), groups.get("pg"));
    }

    private static List<String> names(List<Host> hs) { return hs.stream().map(Host::name).toList(); }

    @Test
    void selectPatterns() throws IOException {
        Inventory inv = load(write("hosts.yml", """
                all:
                  children:
                    pg: {hosts: {db06: , db07: }}
                    web: {hosts: {w1: , w2: }}
                    eu: {hosts: {db07: , w2: }}
                """));
        SourceLocation where = new SourceLocation("site.yml", 2, 3);
        assertEquals(List.of("db06", "db07", "w1", "w2"), names(inv.select("all", where)));
        assertEquals(List.of("db06", "db07"), names(inv.select("pg", where)));
        assertEquals(List.of("w1"), names(inv.select("w1", where)));
        assertEquals(List.of("db07", "w1"), names(inv.select("w1:db07", where)), "inventory order");
        assertEquals(List.of("db06", "db07", "w1", "w2"), names(inv.select("pg, web", where)));
        assertEquals(List.of("db06"), names(inv.select("pg:!eu", where)));
        assertEquals(List.of("db07", "w2"), names(inv.select("pg:web:&eu", where)));
        assertEquals(List.of("db06", "db07"), names(inv.select("db*", where)));
        assertEquals(List.of("db06", "w1", "w2"), names(inv.select("!db07", where)));

        InputException e = assertThrows(InputException.class, () -> inv.select("pg:db08", where));
        assertEquals(where, e.location());
        assertEquals("hosts", e.field());
        assertTrue(e.getMessage().contains("'db08'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'db06'?") || e.getMessage().contains("did you mean 'db07'?"), e.getMessage());
        assertThrows(InputException.class, () -> inv.select("pg:!nope", where));
        assertThrows(InputException.class, () -> inv.select("zz*", where));
        assertThrows(InputException.class, () -> inv.select(" ", where));
    }

    @Test
    void passwordsByReferenceAreResolvedAndMasked() throws IOException {
        write("keys/id", "key");
        secret("secrets/become", "s3cr3t-become\n");
        secret("secrets/repl", "repl-pass\r\n");
        env.put("DB_SSH_PW", "ssh-pass-123");
        Path f = write("hosts.yml", """
                all:
                  vars:
                    ansible_password_env: DB_SSH_PW
                    ansible_become_password_file: secrets/become
                    pg_replication_password_file: secrets/repl
                    pgha_connect_timeout: 2.5
                  hosts:
                    db06:
                      ansible_port: 2222
                      ansible_ssh_private_key_file: keys/id
                      ansible_user: admin
                """);
        Inventory inv = load(f);
        ConnectionSpec s = inv.connectionSpec("db06", false);
        assertEquals(2222, s.port());
        assertEquals("admin", s.user());
        assertEquals("db06", s.address());
        assertEquals("ssh-pass-123", s.password());
        assertEquals("s3cr3t-become", s.becomePassword());
        assertEquals(Duration.ofMillis(2500), s.connectTimeout());
        assertEquals(dir.resolve("keys/id").toAbsolutePath(), s.privateKey());
        assertEquals(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"), s.knownHosts());
        assertFalse(s.toString().contains("ssh-pass-123"));

        Map<String, Object> v = inv.hostVars("db06");
        assertEquals("repl-pass", v.get("pg_replication_password"), "hostVars keeps real values for templates");
        assertEquals("DB_SSH_PW", v.get("ansible_password_env"));
        assertEquals(new SourceLocation(f.toString(), 5, 5), inv.hostVarOrigins("db06").get("pg_replication_password"));
        String masked = secrets.mask("a ssh-pass-123 b s3cr3t-become c repl-pass e DB_SSH_PW");
        assertEquals("a ******** b ******** c ******** e DB_SSH_PW", masked);
    }

    @Test
    void anInlineSecretIsRefusedAtItsLineWithoutBeingShown() throws IOException {
        Path f = write("hosts.yml", "all:\n  vars:\n    pg_replication_password: inline-pass\n  hosts:\n    db06:\n");
        InputException e = bad(f);
        assertEquals("pg_replication_password", e.field());
        assertEquals(3, e.location().line(), e.describe());
        assertTrue(e.getMessage().contains("pg_replication_password_file: secrets/pg_replication_password"), e.getMessage());
        assertFalse(e.describe().contains("inline-pass"), e.describe());
        // empty means none, and stays allowed
        write("hosts.yml", "all:\n  vars:\n    pg_superuser_password: \"\"\n  hosts:\n    db06:\n");
        assertEquals("", load(f).hostVars("db06").get("pg_superuser_password"));
    }

    @Test
    void aSecretWithALineBreakOrShorterThanSixCharactersIsRefusedWithoutBeingShown() throws IOException {
        Path f = write("hosts.yml", "all:\n  vars:\n    pg_monitor_password_file: pw\n  hosts:\n    db06:\n");
        for (String value : List.of("first-line\nsecond-line\n", "abcde\n")) {
            secret("pw", value);
            InputException e = bad(f);
            assertEquals("pg_monitor_password_file", e.field(), e.describe());
            assertEquals(3, e.location().line(), e.describe());
            assertFalse(e.describe().contains("line") && e.describe().contains("second-line") || e.describe().contains("abcde"), e.describe());
        }
    }

    @Test
    void malformedYamlNamesFileAndLine() throws IOException {
        Path f = write("hosts.yml", "all:\n  hosts:\n    db06: {ansible_host: 1.2.3.4\n  vars: {}\n");
        InputException e = bad(f);
        assertEquals(f.toString(), e.location().file());
        assertTrue(e.location().line() >= 3, e.describe());
        assertTrue(e.getMessage().startsWith("malformed YAML"), e.getMessage());
    }

    @Test
    void badPortNamesFileLineAndField() throws IOException {
        Path f = write("hosts.yml", "all:\n  hosts:\n    db06:\n      ansible_port: twenty-two\n");
        InputException e = bad(f);
        assertEquals(new SourceLocation(f.toString(), 4, 7), e.location());
        assertEquals("ansible_port", e.field());
        assertEquals(f + ":4:7: field 'ansible_port': must be a port number (1-65535), got 'twenty-two'", e.describe());
        assertEquals("ansible_port", bad(write("h2.yml", "all:\n  hosts:\n    db06:\n      ansible_port: 70000\n")).field());
        // a bad port is reported even where it loses precedence
        write("group_vars/all.yml", "ansible_port: [22]\n");
        InputException gv = bad(write("h3.yml", "all:\n  hosts:\n    db06:\n      ansible_port: 22\n"));
        assertEquals(dir.resolve("group_vars/all.yml").toString(), gv.location().file());
    }

    @Test
    void missingKeyFile() throws IOException {
        Path f = write("hosts.yml", "all:\n  vars:\n    ansible_ssh_private_key_file: ~/no-such-pgha-key\n  hosts:\n    db06:\n");
        InputException e = bad(f);
        assertEquals("ansible_ssh_private_key_file", e.field());
        assertEquals(new SourceLocation(f.toString(), 3, 5), e.location());
        assertTrue(e.getMessage().contains(Path.of(System.getProperty("user.home"), "no-such-pgha-key").toString()), e.getMessage());
        // and before any host is contacted: hostVars already refuses
        Inventory inv = load(f);
        assertThrows(InputException.class, () -> inv.hostVars("db06"));
    }

    @Test
    void inlinePasswordsAreRefused() throws IOException {
        Path f = write("hosts.yml", "all:\n  hosts:\n    db06:\n      ansible_password: hunter22\n");
        InputException e = bad(f);
        assertEquals("ansible_password", e.field());
        assertEquals(4, e.location().line());
        assertTrue(e.getMessage().contains("ansible_password_env") && e.getMessage().contains("ansible_password_file"), e.getMessage());
        assertFalse(e.describe().contains("hunter22"));
        InputException b = bad(write("h2.yml", "all:\n  vars:\n    ansible_become_password: x\n  hosts: {db06: }\n"));
        assertEquals("ansible_become_password", b.field());
        assertTrue(b.getMessage().contains("ansible_become_password_env"), b.getMessage());
        assertEquals("ansible_ssh_pass", bad(write("h3.yml", "all:\n  vars: {ansible_ssh_pass: x}\n  hosts: {db06: }\n")).field());
    }

    @Test
    void unsetEnvironmentVariableAndMissingPasswordFile() throws IOException {
        InputException e = bad(write("hosts.yml", "all:\n  vars:\n    ansible_password_env: PGHA_NOT_SET_X\n  hosts: {db06: }\n"));
        assertEquals("ansible_password_env", e.field());
        assertTrue(e.getMessage().contains("PGHA_NOT_SET_X"), e.getMessage());
        InputException f = bad(write("h2.yml", "all:\n  vars:\n    ansible_become_password_file: nope.txt\n  hosts: {db06: }\n"));
        assertEquals("ansible_become_password_file", f.field());
        assertEquals(3, f.location().line());
        Files.setPosixFilePermissions(write("readable", "pw-everyone-sees\n"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        InputException r = bad(write("h4.yml", "all:\n  vars:\n    pg_superuser_password_file: readable\n  hosts: {db06: }\n"));
        assertEquals("pg_superuser_password_file", r.field());
        assertTrue(r.getMessage().contains("chmod 600"), r.getMessage());
        assertFalse(r.describe().contains("pw-everyone-sees"));
        env.put("X", "y-value");
        InputException both = bad(write("h3.yml", "all:\n  vars:\n    ansible_password_env: X\n    ansible_password_file: f\n  hosts: {db06: }\n"));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }

    @Test
    void badShapes() throws IOException {
        InputException e = bad(write("a.yml", "all:\n  hostz:\n    db06:\n"));
        assertEquals("hostz", e.field());
        assertTrue(e.getMessage().contains("did you mean 'hosts'?"), e.getMessage());
        e = bad(write("b.yml", "hosts:\n  db06:\n"));
        assertTrue(e.getMessage().contains("all:"), e.getMessage());
        e = bad(write("c.yml", "all:\n  hosts:\n    - db06\n"));
        assertTrue(e.getMessage().contains("not a list"), e.getMessage());
        e = bad(write("d.yml", "all:\n  hosts:\n    db06:\n    db06:\n"));
        assertTrue(e.getMessage().contains("duplicate key 'db06'"), e.getMessage());
        e = bad(write("e.yml", "a:\n  children:\n    b:\n      hosts: {h: }\nb:\n  children:\n    a:\n"));
        assertTrue(e.getMessage().contains("contains itself"), e.getMessage());
        e = bad(write("f.yml", "all:\n  vars: {}\n"));
        assertTrue(e.getMessage().contains("no hosts"), e.getMessage());
        e = bad(write("g.yml", ""));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = bad(write("h.yml", "all:\n  hosts:\n    db[01:02]:\n"));
        assertTrue(e.getMessage().contains("host ranges"), e.getMessage());
        e = bad(write("i.yml", "all:\n  hosts: {db06: }\n  children:\n    db06: {}\n"));
        assertTrue(e.getMessage().contains("both a host and a group"), e.getMessage());
        e = bad(write("j.yml", "all:\n  hosts:\n    db06:\n      pgha_connect_timeout: soon\n"));
        assertEquals("pgha_connect_timeout", e.field());
    }

    @Test
    void varsFilesForUnknownNamesAreTypos() throws IOException {
        Path f = write("hosts.yml", "all:\n  children:\n    pg_cluster:\n      hosts: {db06: }\n");
        write("group_vars/pg_clustr.yml", "a: 1\n");
        InputException e = bad(f);
        assertTrue(e.getMessage().contains("did you mean 'pg_cluster'?"), e.getMessage());
        Files.delete(dir.resolve("group_vars/pg_clustr.yml"));
        write("host_vars/db6.yml", "a: 1\n");
        e = bad(f);
        assertTrue(e.getMessage().contains("no host 'db6'"), e.getMessage());
        Files.delete(dir.resolve("host_vars/db6.yml"));
        write("host_vars/db06.yml", "- a\n");
        e = bad(f);
        assertTrue(e.describe().contains("must be a mapping"), e.describe());
    }
}
