package io.pgha.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pgha inventory: resolved variables as indented JSON, secrets masked, an unknown host named. */
class InventoryCommandTest {
    @TempDir Path dir;

    CliRun run(String... args) throws Exception {
        Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  vars:
                    ansible_user: pgha
                    ka_auth_pass_file: auth_pass
                  children:
                    cluster:
                      hosts:
                        db06: {ansible_host: 10.0.0.6, cluster_role: primary}
                        db07: {ansible_host: 10.0.0.7}
                """);
        Path secret = dir.resolve("auth_pass");
        Files.writeString(secret, "s3cret-vrrp\\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        return CliRun.of(new InventoryCommand(), args);
    }

    @Test
    void hostVariablesIndentedWithSecretsMasked() throws Exception {
        CliRun r = run("-i", dir.toString(), "--host", "db06");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("{\n    \"ansible_host\": \"10.0.0.6\",\n"), r.out());
        assertTrue(r.out().contains("\n    \"cluster_role\": \"primary\",\n"), r.out());
        assertTrue(r.out().contains("\n    \"group_names\": [\n        \"cluster\"\n    ],\n"), r.out());
        assertTrue(r.out().contains("\"ka_auth_pass\": \"********\""), r.out());
        assertFalse(r.out().contains("s3cret-vrrp"), r.out());
    }

    @Test
    void listHasGroupsAndEveryHost() throws Exception {
        CliRun r = run("-i", dir.toString(), "--list");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"cluster\": [\n            \"db06\",\n            \"db07\"\n        ]"), r.out());
        assertTrue(r.out().contains("\"db07\": {\n"), r.out());
        assertFalse(r.out().contains("s3cret-vrrp"), r.out());
    }

    @Test
    void originsNameTheFileAndLineOfEachVariable() throws Exception {
        CliRun r = run("-i", dir.toString(), "--host", "db06", "--origins");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\ncluster_role             = \"primary\"  (" + dir.resolve("hosts.yml") + ":8:40)\n"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.equals("ka_auth_pass             = \"********\"  (" + dir.resolve("hosts.yml") + ":4:5)")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("inventory_hostname += \"db06\"  \\(magic\\)")), r.out());
        assertFalse(r.out().contains("s3cret-vrrp"), r.out());
    }

    @Test
    void anUnknownHostIsBadInput() throws Exception {
        CliRun r = run("-i", dir.toString(), "--host", "db99");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no host 'db99' in ") && r.err().contains("(its hosts: db06, db07)"), r.err());
        assertEquals("", r.out());
    }
}
