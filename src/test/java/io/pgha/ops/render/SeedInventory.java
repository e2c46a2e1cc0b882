package io.pgha.ops.render;

import io.pgha.core.Secrets;
import io.pgha.inventory.Inventory;
import io.pgha.inventory.YamlInventoryLoader;
import io.pgha.lab.LabConfig;
import io.pgha.lab.LabFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A copy of a repository inventory in a temporary folder, with its secret files written (mode 0600)
 * holding the article's passwords, so tests load it the way a user would.
 */
public final class SeedInventory {
    public static final Map<String, String> ARTICLE_SECRETS = Map.of(
            "pg_replication_password", "replicator",
            "pg_monitor_password", "Test123",
            "ka_auth_pass", "Test123",
            "pg_superuser_password", "postgres",
            "pg_witness_password", "witness-secret",
            "pg_fence_password", "fence-secret");

    private SeedInventory() {}

    /**
     * Copies inventories/NAME into tmp and writes the secrets where it points. The lab's settings (lab, lab-source)
     * get the hosts.yml that `pgha lab up` writes for the default lab rooted at tmp, naming tmp's lab secrets: a test
     * must not depend on the lab being up.
     */
    public static Path copy(String name, Path tmp, Map<String, String> secrets) {
        Path src = Path.of("inventories", name);
        Path dst = tmp.resolve("inventories").resolve(name);
        boolean lab = name.startsWith("lab");
        LabConfig config = LabConfig.fromEnvironment(Map.of(), tmp);
        try (Stream<Path> files = Files.walk(src, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : files.toList()) {
                Path to = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
            if (lab) {
                Files.writeString(dst.resolve("hosts.yml"), LabFiles.inventory(config, ""));
                if (!Files.exists(dst.resolve("host_vars"))) LabFiles.copyTree(Path.of("inventories/lab/host_vars"), dst.resolve("host_vars"));
            }
            Path secretDir = lab ? config.secretsDir() : dst.resolve("secrets");
            Files.createDirectories(secretDir);
            if (lab) {  // named by the lab's hosts.yml, never used: nothing connects
                Files.writeString(config.privateKey(), "");
                Files.setPosixFilePermissions(config.privateKey(), PosixFilePermissions.fromString("rw-------"));
            }
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

    public static Inventory load(Path dir) {
        return new YamlInventoryLoader(new Secrets()).load(dir);
    }
}
