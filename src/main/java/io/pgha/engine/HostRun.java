package io.pgha.engine;

import io.pgha.facts.FactGatherer;
import io.pgha.facts.Facts;
import io.pgha.template.Expressions;
import io.pgha.template.VarsModel;
import io.pgha.transport.TransportException;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One host's state during a run: its variable layers, facts (gathered once, on first use),
 * whether it failed, and the handlers it notified in the current play.
 *
 * Variable precedence: {@link VarLayers}.
 */
final class HostRun {
    final String name;
    private final Map<String, Object> defaults;
    private final Map<String, Object> inventoryVars;
    /** The run's magic variables with -e on top. */
    private final Map<String, Object> extraVars;
    private final HostConnections connections;
    private volatile Map<String, Object> playVars = Map.of();
    private final Map<String, Object> runtimeVars = new ConcurrentHashMap<>();
    private volatile Facts facts;
    volatile boolean failed;
    volatile boolean unreachable;
    final Set<String> notified = java.util.Collections.synchronizedSet(new LinkedHashSet<>());

    HostRun(String name, Map<String, Object> defaults, Map<String, Object> inventoryVars,
            Map<String, Object> extraVars, HostConnections connections) {
        this.name = name;
        this.defaults = defaults;
        this.inventoryVars = inventoryVars;
        this.extraVars = extraVars;
        this.connections = connections;
    }

    boolean active() { return !failed && !unreachable; }

    void startPlay(Map<String, Object> vars) {
        this.playVars = vars;
        notified.clear();
    }

    void set(String key, Object value) { runtimeVars.put(key, value); }

    void setAll(Map<String, Object> vars) { runtimeVars.putAll(vars); }

    Facts facts() throws TransportException {
        Facts f = facts;
        if (f != null) return f;
        synchronized (this) {
            if (facts == null) facts = new FactGatherer().gather(connections.get(name));
            return facts;
        }
    }

    boolean factsGathered() { return facts != null; }

    /** Variables as a task sees them; {@code taskVars} (task vars, loop item) sit above the rest. */
    VarsModel model(Map<String, Object> taskVars, Expressions expressions) {
        return new VarsModel(key -> lookup(key, taskVars), () -> keys(taskVars), expressions);
    }

    private Object lookup(String key, Map<String, Object> taskVars) {
        VarLayers layers = layers(taskVars);
        if (layers.has(key)) return layers.get(key);
        if (key.equals("ansible_facts") || Facts.VAR_NAMES.contains(key)) return factVar(key);
        return null;
    }

    /** Facts are not a layer: they are gathered only when an expression reads one. */
    private VarLayers layers(Map<String, Object> taskVars) {
        return VarLayers.of(defaults, inventoryVars, playVars, runtimeVars, taskVars, extraVars);
    }

    private Object factVar(String key) {
        try {
            Map<String, Object> vars = facts().asVars();
            return key.equals("ansible_facts") ? vars : vars.get(key);
        } catch (TransportException e) {
            throw new FactsUnavailableException(name, e);
        }
    }

    private Set<String> keys(Map<String, Object> taskVars) {
        Set<String> ks = layers(taskVars).keys();
        if (facts != null) ks.addAll(Facts.VAR_NAMES);
        return ks;
    }

    /** Everything this host would see, flattened (for debug and tests). */
    Map<String, Object> snapshot(Map<String, Object> taskVars) {
        Map<String, Object> all = new HashMap<>();
        for (String k : keys(taskVars)) all.put(k, lookup(k, taskVars));
        return all;
    }

    /** Facts were needed by an expression but the host could not be reached. */
    static final class FactsUnavailableException extends RuntimeException {
        final TransportException cause;

        FactsUnavailableException(String host, TransportException cause) {
            super("could not gather facts on " + host + ": " + cause.getMessage(), cause);
            this.cause = cause;
        }
    }
}
