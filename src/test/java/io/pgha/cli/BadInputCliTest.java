package io.pgha.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7: bad input through the real command line ends in exit 2 with the field named, before any
 * host is contacted: the nodes are TEST-NET addresses (192.0.2.0/24, never routed), so a run that
 * tried to connect would end unreachable (exit 4), not 2.
 */
class BadInputCliTest {
    @TempDir Path dir;

    @BeforeEach
    void inventory() throws IOException {
        Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  vars:
                    pgha_connect_timeout: 1
                    pg_cluster_network: 192.0.2.0/24
                    ka_vip: 192.0.2.159/24
                    pg_install_method: package
                    ka_install_method: package
                    pg_version: "15"
                    pg_replication_password_file: pw
                    pg_monitor_password_file: pw
                    ka_auth_pass_file: pw
                  children:
                    cluster:
                      hosts:
                        db06: {ansible_host: 192.0.2.156, cluster_role: primary}
                        db07: {ansible_host: 192.0.2.157, cluster_role: standby}
                """);
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "Secret12\n");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aSecretOnTheCommandLineIsRefusedAndPointsAtTheSecretsFile() {
        CliRun r = CliRun.pgha("push-config", "-i", dir.toString(), "-e", "pg_replication_password=Other-secret1");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("field 'pg_replication_password'"), r.err());
        assertTrue(r.err().contains("pg_replication_password_file: secrets/pg_replication_password"), r.err());
        assertFalse(r.err().contains("Other-secret1"), r.err());
    }

    @Test
    void anInjectingPortOnTheCommandLineIsRefusedBeforeAnyConnection() {
        CliRun r = CliRun.pgha("bootstrap", "-i", dir.toString(), "-e", "pg_port=6543;touch /tmp/x");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("extra vars (-e pg_port): field 'pg_port': db06: must be a port number"), r.err());
    }

    @Test
    void anInjectingInventoryValueIsRefusedAtItsLineBeforeAnyConnection() throws IOException {
        Path hosts = dir.resolve("hosts.yml");
        Files.writeString(hosts, Files.readString(hosts).replace("    pgha_connect_timeout: 1\n",
                "    pgha_connect_timeout: 1\n    pg_monitor_table: \"sr_delay; drop table x\"\n"));
        CliRun r = CliRun.pgha("bootstrap", "-i", dir.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(hosts + ":4:5: field 'pg_monitor_table'"), r.err());
    }
}
