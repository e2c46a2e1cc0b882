package io.pgha.ops.render;

import io.pgha.core.Secrets;
import io.pgha.inventory.Inventory;
import io.pgha.inventory.YamlInventoryLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A copy of a repository inventory in a temporary folder, with its secret files written (mode 0600)
 * holding the article's passwords, so tests load it the way a user would.
 */
final class SeedInventory {
    static final Map<String, String> ARTICLE_SECRETS = Map.of(
            "pg_replication_password", "replicator",
            "pg_monitor_password", "Test123",
            "ka_auth_pass", "Test123",
            "pg_superuser_password", "postgres",
            "pg_witness_password", "witness-secret");

    /** What `pgha lab up` writes for the default lab (a test must not depend on the lab being up). */
    static final String LAB_HOSTS = """
            all:
              vars:
                ansible_user: pgha
                ansible_become: true
                pgha_lab_network: 172.30.107.0/24
                pgha_lab_vip: 172.30.107.159/24
              children:
                cluster:
                  hosts:
                    db06:
                      ansible_host: 172.30.107.156
                    db07:
                      ansible_host: 172.30.107.157
            """;

    private SeedInventory() {}

    /** Copies inventories/NAME into tmp and writes the secrets where its group_vars point. */
    static Path copy(String name, Path tmp, Map<String, String> secrets) {
        Path src = Path.of("inventories", name);
        Path dst = tmp.resolve("inventories").resolve(name);
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : files.toList()) {
                Path to = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
            if (name.equals("lab")) Files.writeString(dst.resolve("hosts.yml"), LAB_HOSTS);
            Path secretDir = name.equals("lab") ? tmp.resolve(".lab/secrets") : dst.resolve("secrets");
            Files.createDirectories(secretDir);
            for (Map.Entry<String, String> e : secrets.entrySet()) {
                Path f = secretDir.resolve(e.getKey());
                Files.writeString(f, e.getValue() + "\n");
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
            }
            return dst;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Inventory load(Path dir) {
        return new YamlInventoryLoader(new Secrets()).load(dir);
    }
}
