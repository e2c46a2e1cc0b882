package io.pgha.inventory;

import io.pgha.core.HostNames;
import io.pgha.core.InputException;
import io.pgha.core.OneLine;
import io.pgha.core.SourceLocation;
import io.pgha.core.Suggest;
import io.pgha.core.YamlNodes;
import org.yaml.snakeyaml.nodes.Node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Ansible's YAML inventory shape into the model:
 * <pre>
 * all:
 *   vars: {...}
 *   hosts: {db06: {ansible_host: ...}}
 *   children:
 *     pg_cluster:
 *       hosts: {db06:, db07:}
 * </pre>
 * Top-level groups other than {@code all} are children of {@code all}; a group may be written in
 * several places (its parts are merged); a host may belong to several groups.
 */
final class InventoryFileParser {
    static final String ALL = "all";
    static final String UNGROUPED = "ungrouped";
    private static final List<String> GROUP_KEYS = List.of("hosts", "vars", "children");

    private final YamlNodes doc;
    private final InventoryModel model;
    private final InventoryVarRules rules;

    InventoryFileParser(YamlNodes doc, InventoryModel model, InventoryVarRules rules) {
        this.doc = doc;
        this.model = model;
        this.rules = rules;
    }

    void parse() {
        Node root = doc.root();
        if (YamlNodes.isNull(root)) throw new InputException(SourceLocation.of(doc.file()), null, "the inventory is empty");
        Map<String, YamlNodes.Entry> top = doc.mapping(root, "inventory");
        GroupDef all = group(ALL, doc.at(root));
        for (YamlNodes.Entry e : top.values()) {
            if (GROUP_KEYS.contains(e.key())) {
                throw new InputException(e.at(), e.key(), "'" + e.key() + "' belongs under a group: start the inventory with 'all:'");
            }
            if (e.key().equals(ALL)) {
                parseGroup(all, e.value());
            } else {
                GroupDef g = group(checkName(e, "group"), e.at());
                addChild(all, g.name);
                parseGroup(g, e.value());
            }
        }
        if (model.hosts.isEmpty()) throw new InputException(SourceLocation.of(doc.file()), "hosts", "the inventory has no hosts");
    }

    private void parseGroup(GroupDef g, Node node) {
        for (YamlNodes.Entry e : doc.mapping(node, g.name).values()) {
            switch (e.key()) {
                case "hosts" -> parseHosts(g, e);
                case "vars" -> {
                    Map<String, SourceLocation> where = new LinkedHashMap<>();
                    Map<String, Object> vars = doc.toJavaMap(e.value(), "vars", where);
                    vars.forEach((k, v) -> g.vars.put(k, rules.check(k, v, where.get(k))));
                }
                case "children" -> {
                    for (YamlNodes.Entry c : doc.mapping(e.value(), "children").values()) {
                        if (c.key().equals(ALL)) throw new InputException(c.at(), "children", "'all' cannot be a child group");
                        GroupDef child = group(checkName(c, "group"), c.at());
                        addChild(g, child.name);
                        parseGroup(child, c.value());
                    }
                }
                default -> throw new InputException(e.at(), e.key(), "unknown key in group '" + g.name
                        + "' (expected hosts, vars or children)" + Suggest.didYouMean(e.key(), GROUP_KEYS));
            }
        }
    }

    private void parseHosts(GroupDef g, YamlNodes.Entry hostsEntry) {
        if (hostsEntry.value() instanceof org.yaml.snakeyaml.nodes.SequenceNode) {
            throw new InputException(doc.at(hostsEntry.value()), "hosts",
                    "hosts must be a mapping of host names (db06: or db06: {ansible_host: ...}), not a list");
        }
        for (YamlNodes.Entry h : doc.mapping(hostsEntry.value(), "hosts").values()) {
            String name = checkHostName(h);
            model.hosts.putIfAbsent(name, new Host(name, h.at()));
            if (!g.hosts.contains(name)) g.hosts.add(name);
            Map<String, InventoryVar> vars = model.hostVars.computeIfAbsent(name, k -> new LinkedHashMap<>());
            Map<String, SourceLocation> where = new LinkedHashMap<>();
            Map<String, Object> values = doc.toJavaMap(h.value(), name, where);
            values.forEach((k, v) -> vars.put(k, rules.check(k, v, where.get(k))));
        }
    }

    private GroupDef group(String name, SourceLocation at) {
        return model.groups.computeIfAbsent(name, n -> new GroupDef(n, at));
    }

    private static void addChild(GroupDef parent, String child) {
        if (!parent.children.contains(child)) parent.children.add(child);
    }

    private static final Set<Character> BAD_NAME_CHARS = Set.of(':', ',', '!', '&', '*', '[', ']', ' ', '/', '$', '{', '}');

    /** Host names land in scripts, comments and render's OUT/HOST/ folders: DNS labels only. */
    private static String checkHostName(YamlNodes.Entry e) {
        String name = e.key();
        if (!HostNames.isValid(name)) {
            throw new InputException(e.at(), "host", "host name " + OneLine.quoted(name) + " is not a host name: letters, digits,"
                    + " - and _ in labels joined by single dots (db06, db06.example.com)"
                    + (name.contains("[") ? "; host ranges like db[01:03] are not supported: list each host" : ""));
        }
        return name;
    }

    private static String checkName(YamlNodes.Entry e, String what) {
        String name = e.key();
        if (name.isBlank()) throw new InputException(e.at(), what, "a " + what + " name cannot be empty");
        for (char c : name.toCharArray()) {
            if (BAD_NAME_CHARS.contains(c)) {
                throw new InputException(e.at(), name, "a " + what + " name cannot contain '" + c + "'"
                        + (c == '[' ? " (host ranges like db[01:03] are not supported: list each host)" : ""));
            }
        }
        return name;
    }
}
