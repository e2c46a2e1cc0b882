package io.pgha.modules;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Module lookup by name; the playbook loader uses it to validate tasks. */
public final class ModuleRegistry {
    private final Map<String, Module> modules = new TreeMap<>();

    public ModuleRegistry register(Module m) {
        modules.put(m.name(), m);
        return this;
    }

    public Module get(String name) { return modules.get(name); }

    public boolean has(String name) { return modules.containsKey(name); }

    public Collection<String> names() { return modules.keySet(); }
}
