package io.pgha.ops;

import io.pgha.core.InputException;
import io.pgha.core.SourceLocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inventory follows the cluster: after a switchover (or a failover and rejoin) the `cluster_role`
 * lines that named the old roles are rewritten where they stand, value only, comments and layout kept.
 * pgha edits a line only when it reads `cluster_role: primary|standby` (a YAML scalar on its own line);
 * anything else it leaves and names, for the user to change.
 */
public final class InventoryRoles {
    private static final Pattern LINE = Pattern.compile("^(\\s*cluster_role:\\s*[\"']?)(primary|standby)([\"']?\\s*(#.*)?)$");

    /** One line to change: where, as it reads, and as it will read. */
    public record Edit(SourceLocation at, String before, String after) {
        @Override
        public String toString() { return at + "\n  - " + before.strip() + "\n  + " + after.strip(); }
    }

    private InventoryRoles() {}

    /**
     * The edits that give each host its new role.
     *
     * @param roles   host -> primary or standby
     * @param origins host -> where its cluster_role is set (ClusterSession.origin)
     * @throws InputException naming the place when a role is not set on a line pgha can rewrite
     */
    public static List<Edit> plan(Map<String, String> roles, Map<String, SourceLocation> origins) throws IOException {
        List<Edit> edits = new ArrayList<>();
        for (var e : roles.entrySet()) {
            SourceLocation at = origins.get(e.getKey());
            if (at == null || at.line() <= 0 || !Files.isRegularFile(Path.of(at.file()))) {
                throw new InputException(at == null ? SourceLocation.of("inventory") : at, "cluster_role", e.getKey()
                        + ": its cluster_role is not set on a line of an inventory file (-e?); set it to " + e.getValue() + " yourself");
            }
            List<String> lines = Files.readAllLines(Path.of(at.file()));
            String line = lines.get(at.line() - 1);
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new InputException(at, "cluster_role", e.getKey() + ": this line is not 'cluster_role: primary|standby'"
                        + " alone, so pgha leaves it; set it to " + e.getValue() + " yourself");
            }
            if (m.group(2).equals(e.getValue())) continue;
            edits.add(new Edit(at, line, m.group(1) + e.getValue() + m.group(3)));
        }
        return edits;
    }

    /** The edits that make newPrimary the inventory's primary and oldPrimary a standby, where the session's inventory sets them. */
    public static List<Edit> swap(ClusterSession session, String oldPrimary, String newPrimary) throws IOException {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put(oldPrimary, "standby");
        roles.put(newPrimary, "primary");
        Map<String, SourceLocation> origins = new LinkedHashMap<>();
        for (String h : roles.keySet()) origins.put(h, session.origin(h, "cluster_role"));
        return plan(roles, origins);
    }

    /** Writes the edits, each file replaced whole (a temporary file renamed over it, its mode kept). */
    public static void apply(List<Edit> edits) throws IOException {
        Map<Path, List<Edit>> byFile = new LinkedHashMap<>();
        for (Edit e : edits) byFile.computeIfAbsent(Path.of(e.at().file()), f -> new ArrayList<>()).add(e);
        for (var f : byFile.entrySet()) {
            String text = Files.readString(f.getKey());
            boolean endsWithNewline = text.endsWith("\n");
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            if (endsWithNewline) lines.remove(lines.size() - 1);
            for (Edit e : f.getValue()) {
                int i = e.at().line() - 1;
                if (!lines.get(i).equals(e.before())) {
                    throw new IOException(e.at() + " changed since it was read; nothing written to " + f.getKey());
                }
                lines.set(i, e.after());
            }
            Path tmp = f.getKey().resolveSibling(f.getKey().getFileName() + ".pgha-tmp");
            Files.writeString(tmp, String.join("\n", lines) + (endsWithNewline ? "\n" : ""));
            try {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(f.getKey()));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the default mode
            }
            Files.move(tmp, f.getKey(), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
