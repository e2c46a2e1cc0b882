package io.pgha.inventory;

import io.pgha.core.SourceLocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A group as parsed: its own hosts and child groups, vars from the inventory file and from group_vars/. */
final class GroupDef {
    final String name;
    final SourceLocation location;
    final List<String> hosts = new ArrayList<>();
    final List<String> children = new ArrayList<>();
    final Map<String, InventoryVar> vars = new LinkedHashMap<>();
    final Map<String, InventoryVar> fileVars = new LinkedHashMap<>();
    int depth;

    GroupDef(String name, SourceLocation location) {
        this.name = name;
        this.location = location;
    }
}
