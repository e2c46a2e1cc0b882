package io.pgha.ops.render;

import io.pgha.core.InputException;
import io.pgha.inventory.Inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `pgha render` underneath: validates the inventory's clusters, renders every file of the chosen
 * nodes, and writes them for review under OUT/HOST/ with the destination paths mirrored
 * (OUT/db06/home/postgres/pgdata/postgresql.conf). Files are real, secrets included, so each copy
 * gets its destination's mode: what is 0600 on the node (keepalived.conf, .pgpass) is 0600 here.
 */
public final class ClusterRenderer {
    private final ConfigRenderer renderer;
    private final Map<String, Object> defaults;

    public ClusterRenderer(List<Path> templateDirs, Map<String, Object> defaults) {
        this.renderer = new ConfigRenderer(templateDirs);
        this.defaults = defaults;
    }

    /** Host -> its rendered files, for the given hosts (every cluster node when empty), in inventory order. */
    public Map<String, List<RenderedFile>> render(Inventory inventory, Collection<String> hosts, Map<String, Object> extraVars) {
        new ClusterValidator().withoutFileChecks().validate(inventory, defaults, extraVars);
        ClusterVars vars = new ClusterVars(inventory, defaults, extraVars);
        Map<String, List<RenderedFile>> out = new LinkedHashMap<>();
        for (String h : hosts.isEmpty() ? vars.clusterNodes() : List.copyOf(hosts)) {
            if (inventory.host(h) == null) throw new InputException(null, "--limit", "no host '" + h + "' in the inventory");
            out.put(h, renderer.render(vars.forHost(h)));
        }
        return out;
    }

    /** Writes one host's files under outDir/host/, mirroring their destinations; returns the paths written. */
    public static List<Path> write(Path outDir, String host, List<RenderedFile> files) {
        List<Path> written = new ArrayList<>();
        Path root = outDir.resolve(host).toAbsolutePath().normalize();
        for (RenderedFile f : files) {
            Path target = root.resolve(f.path().replaceFirst("^/+", "")).normalize();
            if (!target.startsWith(root)) throw new InputException(null, "dest", host + ": destination " + f.path() + " leaves the output folder");
            try {
                Files.createDirectories(target.getParent());
                Set<PosixFilePermission> perms = PosixFilePermissions.fromString(rwx(Integer.parseInt(f.mode(), 8)));
                // Restrict before writing, so a secret never sits in a file others can read.
                if (!Files.exists(target)) Files.createFile(target, PosixFilePermissions.asFileAttribute(perms));
                Files.setPosixFilePermissions(target, perms);
                Files.writeString(target, f.content(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
                written.add(target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }
        return written;
    }

    private static String rwx(int mode) {
        StringBuilder sb = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) sb.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        return sb.toString();
    }
}
