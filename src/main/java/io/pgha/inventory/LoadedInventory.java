package io.pgha.inventory;

import io.pgha.core.InputException;
import io.pgha.core.SourceLocation;
import io.pgha.core.Trees;
import io.pgha.transport.ConnectionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An inventory read by {@link YamlInventoryLoader}. Each host's variables are worked out on first
 * use (precedence, then password references), so a missing environment variable or key file is
 * reported for the hosts actually used — still before any of them is contacted, since the engine
 * asks for every host's variables first.
 */
public final class LoadedInventory implements Inventory {
    private static final String[] KEY_FILE_VARS = {"ansible_ssh_private_key_file", "ansible_private_key_file"};

    private final InventoryModel model;
    private final SecretReferences references;
    private final List<Host> hosts;
    private final Map<String, List<Host>> members = new LinkedHashMap<>();
    private final Map<String, List<String>> hostGroups = new LinkedHashMap<>();
    private final HostPatterns patterns;
    private final Map<String, Resolved> resolved = new ConcurrentHashMap<>();

    /** A host's variables after precedence, where each was set, and its connection settings. */
    private record Resolved(Map<String, Object> vars, Map<String, SourceLocation> origins, Path privateKey) {}

    LoadedInventory(InventoryModel model, SecretReferences references) {
        this.model = model;
        this.references = references;
        this.hosts = List.copyOf(model.hosts.values());
        for (String g : model.groups.keySet()) {
            Set<String> names = new LinkedHashSet<>();
            collect(g, names);
            members.put(g, hosts.stream().filter(h -> names.contains(h.name())).toList());
        }
        for (Host h : hosts) {
            List<String> gs = new ArrayList<>();
            members.forEach((g, hs) -> { if (hs.contains(h)) gs.add(g); });
            hostGroups.put(h.name(), gs);
        }
        this.patterns = new HostPatterns(hosts, members);
    }

    private void collect(String group, Set<String> into) {
        GroupDef g = model.groups.get(group);
        into.addAll(g.hosts);
        for (String c : g.children) collect(c, into);
    }

    @Override public Path source() { return model.source; }

    @Override public List<Host> hosts() { return hosts; }

    @Override public Host host(String name) { return model.hosts.get(name); }

    @Override public Set<String> groupNames() { return Collections.unmodifiableSet(members.keySet()); }

    @Override public List<Host> groupMembers(String group) { return members.getOrDefault(group, List.of()); }

    @Override public List<Host> select(String pattern, SourceLocation where) { return patterns.select(pattern, where); }

    @Override
    public Map<String, Object> hostVars(String host) {
        Map<String, Object> vars = new LinkedHashMap<>();
        resolve(host).vars().forEach((k, v) -> vars.put(k, copy(v)));
        vars.put("inventory_hostname", host);
        vars.put("inventory_hostname_short", host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
        vars.put("group_names", new ArrayList<>(new TreeSet<>(hostGroups.get(host).stream().filter(g -> !g.equals("all")).toList())));
        Map<String, Object> groups = new LinkedHashMap<>();
        members.forEach((g, hs) -> groups.put(g, hs.stream().map(Host::name).toList()));
        vars.put("groups", groups);
        return vars;
    }

    /** Each caller gets its own lists and maps, so nothing one host's run changes leaks to another. */
    private static Object copy(Object v) { return Trees.map(v, x -> x); }

    @Override
    public Map<String, SourceLocation> hostVarOrigins(String host) {
        return Collections.unmodifiableMap(resolve(host).origins());
    }

    @Override
    public ConnectionSpec connectionSpec(String host, boolean acceptNewHostKeys) {
        Resolved r = resolve(host);
        Map<String, Object> v = r.vars();
        String address = v.get("ansible_host") == null ? host : String.valueOf(v.get("ansible_host"));
        int port = v.get("ansible_port") == null ? 22 : InventoryVarRules.port(v.get("ansible_port"), r.origins().get("ansible_port"));
        String user = v.get("ansible_user") == null ? System.getProperty("user.name") : String.valueOf(v.get("ansible_user"));
        Path knownHosts = v.get("pgha_known_hosts") == null
                ? Path.of(System.getProperty("user.home"), ".ssh", "known_hosts")
                : Paths.resolve(model.baseDir, String.valueOf(v.get("pgha_known_hosts")));
        Duration timeout = v.get("pgha_connect_timeout") == null ? Duration.ofSeconds(10)
                : Duration.ofMillis(Math.round(1000 * InventoryVarRules.seconds(v.get("pgha_connect_timeout"),
                        r.origins().get("pgha_connect_timeout"), "pgha_connect_timeout")));
        return new ConnectionSpec(host, address, port, user, r.privateKey(),
                string(v, "ansible_password", "ansible_ssh_pass"), knownHosts, acceptNewHostKeys, timeout,
                string(v, "ansible_become_password", "ansible_become_pass"));
    }

    private static String string(Map<String, Object> v, String name, String alt) {
        Object o = v.get(name) != null ? v.get(name) : v.get(alt);
        return o == null ? null : String.valueOf(o);
    }

    private Resolved resolve(String host) {
        if (!model.hosts.containsKey(host)) throw new IllegalArgumentException("no host '" + host + "' in the inventory");
        return resolved.computeIfAbsent(host, this::compute);
    }

    private Resolved compute(String host) {
        Map<String, InventoryVar> layered = new LinkedHashMap<>();
        GroupDef all = model.groups.get(InventoryFileParser.ALL);
        layered.putAll(all.vars);
        layered.putAll(all.fileVars);
        hostGroups.get(host).stream()
                .filter(g -> !g.equals(InventoryFileParser.ALL))
                .map(model.groups::get)
                .sorted(Comparator.comparingInt((GroupDef g) -> g.depth).thenComparing(g -> g.name))
                .forEach(g -> {
                    layered.putAll(g.vars);
                    layered.putAll(g.fileVars);
                });
        layered.putAll(model.hostVars.getOrDefault(host, Map.of()));
        layered.putAll(model.hostFileVars.getOrDefault(host, Map.of()));

        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, SourceLocation> origins = new LinkedHashMap<>();
        layered.forEach((k, v) -> {
            vars.put(k, v.value());
            origins.put(k, v.origin());
        });
        layered.forEach((k, v) -> {
            if (!SecretReferences.isReference(k)) return;
            String base = SecretReferences.base(k);
            String other = k.endsWith("_env") ? base + "_file" : base + "_env";
            if (layered.containsKey(other)) {
                throw new InputException(v.origin(), k, "set either " + base + "_env or " + base + "_file, not both (the other is at "
                        + layered.get(other).origin() + ")");
            }
            vars.put(base, references.resolve(k, v));
            origins.put(base, v.origin());
        });
        return new Resolved(vars, origins, privateKey(vars, origins));
    }

    private Path privateKey(Map<String, Object> vars, Map<String, SourceLocation> origins) {
        for (String name : KEY_FILE_VARS) {
            Object v = vars.get(name);
            if (v == null) continue;
            Path p = Paths.resolve(model.baseDir, String.valueOf(v));
            if (!Files.isRegularFile(p)) {
                throw new InputException(origins.get(name), name, "private key file " + p + " does not exist");
            }
            return p;
        }
        return null;
    }
}
