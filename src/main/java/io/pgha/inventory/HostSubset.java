package io.pgha.inventory;

import io.pgha.core.SourceLocation;
import io.pgha.transport.ConnectionSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An inventory seen through a set of its hosts (one cluster of several): the others are not there, in
 * hosts(), groups and the groups magic variable alike; each host's own variables are the full inventory's.
 */
final class HostSubset implements Inventory {
    private final Inventory whole;
    private final Set<String> names;
    private final List<Host> hosts;

    HostSubset(Inventory whole, Set<String> names) {
        for (String n : names) {
            if (whole.host(n) == null) throw new IllegalArgumentException("no host '" + n + "' in " + whole.source());
        }
        this.whole = whole;
        this.names = new LinkedHashSet<>(names);
        this.hosts = whole.hosts().stream().filter(h -> names.contains(h.name())).toList();
    }

    @Override public Path source() { return whole.source(); }

    @Override public List<Host> hosts() { return hosts; }

    @Override public Host host(String name) { return names.contains(name) ? whole.host(name) : null; }

    @Override public Set<String> groupNames() { return whole.groupNames(); }

    @Override public List<Host> groupMembers(String group) { return kept(whole.groupMembers(group)); }

    @Override public List<Host> select(String pattern, SourceLocation where) { return kept(whole.select(pattern, where)); }

    @Override
    public Map<String, Object> hostVars(String host) {
        Map<String, Object> vars = whole.hostVars(known(host));
        if (vars.get("groups") instanceof Map<?, ?> groups) {
            Map<String, Object> kept = new LinkedHashMap<>();
            groups.forEach((g, members) -> kept.put(String.valueOf(g),
                    ((List<?>) members).stream().filter(m -> names.contains(String.valueOf(m))).toList()));
            vars.put("groups", kept);
        }
        return vars;
    }

    @Override public Map<String, SourceLocation> hostVarOrigins(String host) { return whole.hostVarOrigins(known(host)); }

    @Override
    public ConnectionSpec connectionSpec(String host, boolean acceptNewHostKeys) {
        return whole.connectionSpec(known(host), acceptNewHostKeys);
    }

    private List<Host> kept(List<Host> in) { return in.stream().filter(h -> names.contains(h.name())).toList(); }

    private String known(String host) {
        if (!names.contains(host)) throw new IllegalArgumentException("no host '" + host + "' in this part of " + whole.source());
        return host;
    }
}
