package io.pgha.inventory;

import io.pgha.core.InputException;
import io.pgha.core.SourceLocation;
import io.pgha.core.Suggest;
import io.pgha.core.YamlNodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads group_vars/ or host_vars/: NAME.yml (or .yaml, .json) and NAME/*.yml, merged in name order.
 * A file for a group or host the inventory does not have is an error (usually a typo).
 */
final class VarsDirectory {
    private final InventoryVarRules rules;

    VarsDirectory(InventoryVarRules rules) {
        this.rules = rules;
    }

    /** NAME -> its variables; empty when the directory does not exist. */
    Map<String, Map<String, InventoryVar>> load(Path dir, String what, Collection<String> known) {
        Map<String, Map<String, InventoryVar>> out = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) return out;
        for (Path entry : list(dir)) {
            String fileName = entry.getFileName().toString();
            if (fileName.startsWith(".")) continue;
            checkResolves(entry);
            String name;
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(entry)) {
                name = fileName;
                for (Path f : list(entry)) {
                    if (!f.getFileName().toString().startsWith(".")) checkResolves(f);
                    if (isVarsFile(f)) files.add(f);
                }
            } else if (isVarsFile(entry)) {
                name = fileName.substring(0, fileName.lastIndexOf('.'));
                files.add(entry);
            } else {
                continue;   // README and the like
            }
            if (!known.contains(name)) {
                throw new InputException(SourceLocation.of(entry.toString()), what,
                        "no " + what + " '" + name + "' in the inventory" + Suggest.didYouMean(name, known));
            }
            Map<String, InventoryVar> vars = out.computeIfAbsent(name, k -> new LinkedHashMap<>());
            for (Path f : files) read(f, vars);
        }
        return out;
    }

    private void read(Path file, Map<String, InventoryVar> into) {
        YamlNodes doc = YamlNodes.read(file);
        Map<String, SourceLocation> where = new LinkedHashMap<>();
        Map<String, Object> vars = doc.toJavaMap(doc.root(), "vars", where);
        vars.forEach((k, v) -> into.put(k, rules.check(k, v, where.get(k))));
    }

    /** A link that loops or points nowhere would be skipped silently, and a later error would blame a missing variable. */
    private static void checkResolves(Path p) {
        if (!Files.isSymbolicLink(p)) return;
        try {
            p.toRealPath();
        } catch (java.nio.file.FileSystemException e) {
            String why = e.getReason() != null && e.getReason().contains("levels of symbolic links")
                    ? "a symbolic link loop" : "a symbolic link to nothing (" + (e.getReason() == null ? "missing" : e.getReason()) + ")";
            throw new InputException(SourceLocation.of(p.toString()), null, "cannot read: " + why);
        } catch (IOException e) {
            throw new InputException(SourceLocation.of(p.toString()), null, "cannot read: " + e.getMessage());
        }
    }

    private static boolean isVarsFile(Path p) {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && !n.startsWith(".")
                && (n.endsWith(".yml") || n.endsWith(".yaml") || n.endsWith(".json"));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new InputException(SourceLocation.of(dir.toString()), null, "cannot list directory: " + e.getMessage());
        }
    }
}
