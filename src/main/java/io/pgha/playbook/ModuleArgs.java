package io.pgha.playbook;

import io.pgha.core.Booleans;
import io.pgha.core.InputException;
import io.pgha.core.SourceLocation;
import io.pgha.core.Suggest;
import io.pgha.modules.ArgSpec;
import io.pgha.modules.Module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a task's arguments against its module's ArgSpec at load time: aliases become the real
 * name, unknown names, missing required ones, bad choices and literals of the wrong type are
 * InputExceptions at the argument's own line. Values stay raw (${...} is rendered at run time);
 * a value containing ${ is not type-checked, since only the run knows what it becomes.
 */
final class ModuleArgs {
    private ModuleArgs() {}

    /** Returns the arguments under their real names; {@code locations} is re-keyed the same way. */
    static Map<String, Object> validate(Module module, Map<String, Object> args, Map<String, SourceLocation> locations,
                                        SourceLocation taskAt) {
        ArgSpec spec = module.spec();
        String m = module.name();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, SourceLocation> outAt = new LinkedHashMap<>();
        Map<String, String> writtenAs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : args.entrySet()) {
            String written = e.getKey();
            SourceLocation at = locations.getOrDefault(written, taskAt);
            String name = spec.aliasTargets().getOrDefault(written, written);
            if (!spec.args().containsKey(name) && !spec.acceptsAnyArgs()) {
                List<String> known = new ArrayList<>(spec.args().keySet());
                known.addAll(spec.aliasTargets().keySet());
                throw new InputException(at, written, "module '" + m + "' has no argument '" + written + "'"
                        + Suggest.didYouMean(written, known) + (known.isEmpty() ? "" : "; it takes: " + String.join(", ", known)));
            }
            if (out.containsKey(name)) {
                throw new InputException(at, written, "'" + written + "' and '" + writtenAs.get(name)
                        + "' are the same argument of module '" + m + "': give it once");
            }
            ArgSpec.Arg arg = spec.args().get(name);
            refuseJinja(e.getValue(), at, written);
            if (arg != null && !arg.rawExpression()) check(m, arg, e.getValue(), at, written);
            out.put(name, e.getValue());
            outAt.put(name, at);
            writtenAs.put(name, written);
        }
        for (ArgSpec.Arg a : spec.args().values()) {
            if (a.required() && out.get(a.name()) == null) {
                throw new InputException(taskAt, a.name(), "module '" + m + "' needs argument '" + a.name() + "'");
            }
        }
        for (List<String> group : spec.oneOfGroups()) {
            if (group.stream().noneMatch(g -> out.get(g) != null)) {
                throw new InputException(taskAt, String.join("/", group), "module '" + m + "' needs one of: "
                        + String.join(", ", group));
            }
        }
        locations.clear();
        locations.putAll(outAt);
        return out;
    }

    /** ${r"..."}: Freemarker's raw string, the way to write the braces themselves. */
    private static final Pattern RAW_STRING = Pattern.compile("\\$\\{r\"[^\"]*\"}");
    /** {{ name }}, {{ name | filter }}: Jinja2's, which pgha would write out as it stands ({{.Go}} templates pass). */
    private static final Pattern JINJA = Pattern.compile("\\{\\{-?\\s*([A-Za-z_][A-Za-z0-9_.]*)[^}]*}}");

    /**
     * An Ansible playbook ported as it is would write the braces into files and commands: refused at load
     * time, with the Freemarker spelling of the variable.
     */
    private static void refuseJinja(Object v, SourceLocation at, String written) {
        if (v instanceof Map<?, ?> map) {
            for (Object item : map.values()) refuseJinja(item, at, written);
        } else if (v instanceof List<?> list) {
            for (Object item : list) refuseJinja(item, at, written);
        } else if (v instanceof String s) {
            Matcher j = JINJA.matcher(RAW_STRING.matcher(s).replaceAll(""));
            if (j.find()) {
                throw new InputException(at, written, "'" + j.group() + "' is Jinja2, which pgha does not template: write ${"
                        + j.group(1) + "} (Freemarker; filters are ?builtins, e.g. ${name!\"default\"}), or ${r\"" + j.group()
                        + "\"} for the braces as they are");
            }
        }
    }

    private static void check(String module, ArgSpec.Arg arg, Object v, SourceLocation at, String written) {
        if (v == null) return;
        if (v instanceof String s && s.contains("${")) return;
        String problem = switch (arg.type()) {
            case STRING -> v instanceof Map || v instanceof List ? "must be a single value" : null;
            case INT -> v instanceof Integer || v instanceof Long
                    || (v instanceof String s && s.trim().matches("-?[0-9]+")) ? null : "must be a whole number";
            case BOOL -> isBool(v) ? null : "must be true or false";
            case LIST -> v instanceof Map ? "must be a list" : null;
            case MAP -> v instanceof Map ? null : "must be a mapping (key: value)";
            case ANY -> null;
        };
        if (problem != null) {
            throw new InputException(at, written, "module '" + module + "': " + problem + ", got " + describe(v));
        }
        if (!arg.choices().isEmpty() && !arg.choices().contains(String.valueOf(v))) {
            throw new InputException(at, written, "module '" + module + "': must be one of "
                    + String.join(", ", arg.choices()) + ", got " + describe(v) + Suggest.didYouMean(String.valueOf(v), arg.choices()));
        }
    }

    private static boolean isBool(Object v) { return Booleans.isBoolean(v); }

    private static String describe(Object v) {
        if (v instanceof Map) return "a mapping";
        if (v instanceof List) return "a list";
        return "'" + v + "'";
    }
}
