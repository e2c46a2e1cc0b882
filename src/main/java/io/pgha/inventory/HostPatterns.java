package io.pgha.inventory;

import io.pgha.core.InputException;
import io.pgha.core.SourceLocation;
import io.pgha.core.Suggest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ansible host patterns: names of hosts or groups joined by ':' or ','; "all" (or "*") is every
 * host; '!x' excludes, '&x' intersects; '*' and '?' glob over host and group names. Unions are taken
 * first, then intersections, then exclusions; only exclusions/intersections start from all.
 */
final class HostPatterns {
    private final List<Host> hosts;
    private final Map<String, List<Host>> groups;

    HostPatterns(List<Host> hosts, Map<String, List<Host>> groups) {
        this.hosts = hosts;
        this.groups = groups;
    }

    List<Host> select(String pattern, SourceLocation where) {
        if (pattern == null || pattern.isBlank()) throw new InputException(where, "hosts", "no hosts given");
        List<String> union = new ArrayList<>(), intersect = new ArrayList<>(), exclude = new ArrayList<>();
        for (String raw : pattern.split("[:,]")) {
            String p = raw.trim();
            if (p.isEmpty()) continue;
            if (p.startsWith("!")) exclude.add(p.substring(1).trim());
            else if (p.startsWith("&")) intersect.add(p.substring(1).trim());
            else union.add(p);
        }
        if (union.isEmpty()) union.add("all");
        Set<Host> selected = new LinkedHashSet<>();
        for (String p : union) selected.addAll(resolve(p, where));
        for (String p : intersect) selected.retainAll(resolve(p, where));
        for (String p : exclude) resolve(p, where).forEach(selected::remove);
        return hosts.stream().filter(selected::contains).toList();
    }

    private List<Host> resolve(String name, SourceLocation where) {
        if (name.isEmpty()) throw new InputException(where, "hosts", "empty name after '!' or '&'");
        if (name.equals("all") || name.equals("*")) return hosts;
        if (name.contains("*") || name.contains("?")) return glob(name, where);
        List<Host> g = groups.get(name);
        if (g != null) return g;
        for (Host h : hosts) if (h.name().equals(name)) return List.of(h);
        List<String> candidates = new ArrayList<>(groups.keySet());
        hosts.forEach(h -> candidates.add(h.name()));
        throw new InputException(where, "hosts", "no host or group '" + name + "' in the inventory"
                + Suggest.didYouMean(name, candidates));
    }

    private List<Host> glob(String glob, SourceLocation where) {
        Pattern re = Pattern.compile(("\\Q" + glob + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
        Set<Host> out = new LinkedHashSet<>();
        for (Host h : hosts) if (re.matcher(h.name()).matches()) out.add(h);
        groups.forEach((name, members) -> { if (re.matcher(name).matches()) out.addAll(members); });
        if (out.isEmpty()) throw new InputException(where, "hosts", "no host or group matches '" + glob + "'");
        return List.copyOf(out);
    }
}
