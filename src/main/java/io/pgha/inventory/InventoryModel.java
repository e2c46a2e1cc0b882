package io.pgha.inventory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Everything read from an inventory's files, before precedence is applied. */
final class InventoryModel {
    final Path source;
    final Path baseDir;   // relative key/password/known_hosts paths resolve against it
    final Map<String, GroupDef> groups = new LinkedHashMap<>();
    final Map<String, Host> hosts = new LinkedHashMap<>();
    final Map<String, Map<String, InventoryVar>> hostVars = new LinkedHashMap<>();
    final Map<String, Map<String, InventoryVar>> hostFileVars = new LinkedHashMap<>();

    InventoryModel(Path source, Path baseDir) {
        this.source = source;
        this.baseDir = baseDir;
    }
}
