package io.pgha.modules.system;

import io.pgha.modules.ArgSpec;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;

import java.util.LinkedHashMap;
import java.util.Map;

/** set_fact: its (rendered) arguments become host variables for the rest of the run. cacheable is ignored. */
public final class SetFactModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder().anyArgs();

    @Override public String name() { return "set_fact"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    public ModuleResult run(ModuleContext ctx, Map<String, Object> args) throws Exception {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : args.entrySet()) {
            if (e.getKey().equals("cacheable")) continue;
            if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new TaskFailure("set_fact: '" + e.getKey() + "' is not a valid variable name (letters, digits, _)");
            }
            // Map.copyOf in withFacts refuses nulls: an empty YAML value becomes an empty string.
            facts.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
        }
        return ModuleResult.ok(null).withData("ansible_facts", facts).withFacts(facts);
    }
}
