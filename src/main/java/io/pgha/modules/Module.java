package io.pgha.modules;

import java.util.Map;

/**
 * A module: given a host context and its (already rendered) arguments, bring the host to the desired
 * state and say whether anything changed. Modules decide 'changed' by comparing desired with actual
 * state, never by guessing. In check mode they change nothing and report what they would change.
 * Modules know nothing of each other; shared helpers live in io.pgha.modules.support.
 */
public interface Module {
    String name();

    /** Declared arguments; the playbook loader validates tasks against it before anything runs. */
    ArgSpec spec();

    ModuleResult run(ModuleContext ctx, Map<String, Object> args) throws Exception;
}
