package io.pgha.modules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A module's arguments: names, which are required, allowed values, which are raw expressions (not
 * rendered by the engine; the module evaluates them), and the free-form argument a scalar value
 * maps to (command: "echo hi" is {cmd: "echo hi"}).
 */
public final class ArgSpec {
    public enum Type { STRING, INT, BOOL, LIST, MAP, ANY }

    public record Arg(String name, Type type, boolean required, List<String> choices, boolean rawExpression,
                      Object defaultValue) {}

    private final Map<String, Arg> args = new LinkedHashMap<>();
    private final List<List<String>> oneOf = new ArrayList<>();
    private String freeForm;
    private String templateFile;
    private Set<String> aliases = Set.of();
    private final Map<String, String> aliasTargets = new LinkedHashMap<>();

    public static ArgSpec builder() { return new ArgSpec(); }

    public ArgSpec required(String name, Type type) { return add(new Arg(name, type, true, List.of(), false, null)); }
    public ArgSpec optional(String name, Type type) { return add(new Arg(name, type, false, List.of(), false, null)); }
    public ArgSpec optional(String name, Type type, Object defaultValue) { return add(new Arg(name, type, false, List.of(), false, defaultValue)); }
    public ArgSpec choice(String name, boolean required, Object defaultValue, String... choices) {
        return add(new Arg(name, Type.STRING, required, List.of(choices), false, defaultValue));
    }
    /** An argument holding a raw Freemarker expression (assert's that, debug's var). */
    public ArgSpec expression(String name, boolean required) { return add(new Arg(name, Type.ANY, required, List.of(), true, null)); }
    /** At least one of these must be given. */
    public ArgSpec oneOf(String... names) { oneOf.add(List.of(names)); return this; }
    /** owner, group and mode (octal, quoted or not): what every module that writes a file accepts. */
    public ArgSpec fileAttributes() {
        return optional("owner", Type.STRING).optional("group", Type.STRING).optional("mode", Type.ANY);
    }

    /** The argument a scalar module value maps to. */
    public ArgSpec freeForm(String name) { this.freeForm = name; return this; }
    /** The argument naming a controller-side Freemarker template file (checked for undefined variables before a run). */
    public ArgSpec templateFile(String name) { this.templateFile = name; return this; }
    /** Another accepted name for an argument (dest for path, ...). */
    public ArgSpec alias(String alias, String target) { aliasTargets.put(alias, target); return this; }
    /** Accept any argument (modules like set_fact whose keys are the user's). */
    public ArgSpec anyArgs() { this.aliases = Set.of("*"); return this; }

    private ArgSpec add(Arg a) { args.put(a.name(), a); return this; }

    public Map<String, Arg> args() { return Collections.unmodifiableMap(args); }
    public List<List<String>> oneOfGroups() { return Collections.unmodifiableList(oneOf); }
    public String freeFormArg() { return freeForm; }
    public String templateFileArg() { return templateFile; }
    public Map<String, String> aliasTargets() { return Collections.unmodifiableMap(aliasTargets); }
    public boolean acceptsAnyArgs() { return aliases.contains("*"); }

    public boolean isRawExpression(String name) {
        Arg a = args.get(name);
        return a != null && a.rawExpression();
    }
}
