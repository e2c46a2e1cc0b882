package io.pgha.playbook;

import io.pgha.core.InputException;
import io.pgha.core.SourceLocation;
import io.pgha.core.Suggest;
import io.pgha.core.YamlNodes;
import io.pgha.modules.ArgSpec;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleRegistry;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns task lists into Task records: keywords, exactly one module with checked arguments, and
 * {@code import_tasks} inlined (its when/tags/vars apply to every imported task).
 */
final class TaskParser {
    static final List<String> KEYWORDS = List.of("name", "when", "register", "notify", "changed_when", "failed_when",
            "ignore_errors", "retries", "until", "delay", "tags", "run_once", "delegate_to", "loop", "become",
            "become_user", "vars", "no_log", "listen", "args");
    static final String META = "meta";
    static final String IMPORT = "import_tasks";
    private static final List<String> IMPORT_KEYWORDS = List.of("name", "when", "tags", "vars");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final ModuleRegistry registry;

    TaskParser(ModuleRegistry registry) {
        this.registry = registry;
    }

    /** A list of tasks (or handlers) from a node of {@code doc}; {@code importing} guards against import cycles. */
    List<Task> parseList(YamlNodes doc, Node list, String field, boolean handlers, List<Path> importing) {
        if (!YamlNodes.isNull(list) && !(list instanceof SequenceNode)) {
            throw doc.error(list, field, "must be a list of tasks (- name: ...), got " + YamlNodes.describe(list));
        }
        List<Task> out = new ArrayList<>();
        for (Node item : doc.sequence(list, field)) {
            if (!(item instanceof MappingNode)) {
                throw doc.error(item, field, "each task must be a mapping (name:, a module, ...), got " + YamlNodes.describe(item));
            }
            Map<String, YamlNodes.Entry> keys = doc.mapping(item, field);
            if (keys.containsKey(IMPORT)) out.addAll(importTasks(doc, item, keys, handlers, importing));
            else out.add(parseTask(doc, item, keys, handlers));
        }
        return out;
    }

    private Task parseTask(YamlNodes doc, Node node, Map<String, YamlNodes.Entry> keys, boolean handler) {
        Values values = new Values(doc);
        SourceLocation at = doc.at(node);
        YamlNodes.Entry module = null;
        Map<String, SourceLocation> locations = new LinkedHashMap<>();
        for (YamlNodes.Entry e : keys.values()) {
            if (KEYWORDS.contains(e.key())) {
                locations.put(e.key(), valueOrKey(doc, e));
                continue;
            }
            if (!e.key().equals(META) && !registry.has(e.key())) throw unknownKey(e, keys);
            if (module != null) {
                throw new InputException(e.at(), e.key(), "two modules in one task: '" + module.key() + "' and '"
                        + e.key() + "' (a task runs exactly one module; split it in two)");
            }
            module = e;
        }
        if (module == null) {
            String name = keys.containsKey("name") ? " '" + values.string(keys.get("name").value(), "name") + "'" : "";
            throw new InputException(at, "module", "task" + name + " has no module (e.g. command:, copy:, template:)");
        }
        if (keys.containsKey("listen") && !handler) {
            throw new InputException(keys.get("listen").at(), "listen", "listen is only for handlers");
        }

        Map<String, Object> args = moduleArgs(doc, module, keys.get("args"), locations);
        Map<String, Object> vars = keys.containsKey("vars") ? doc.toJavaMap(keys.get("vars").value(), "vars", null) : Map.of();
        Object loop = keys.containsKey("loop") ? loop(doc, keys.get("loop").value()) : null;
        String register = keys.containsKey("register") ? register(doc, keys.get("register").value()) : null;
        Duration delay = keys.containsKey("delay") ? values.seconds(keys.get("delay").value(), "delay") : null;
        return new Task(
                str(values, keys, "name"), module.key(), args,
                values.conditions(node(keys, "when"), "when"),
                register,
                values.names(node(keys, "notify"), "notify"),
                values.condition(node(keys, "changed_when"), "changed_when"),
                values.condition(node(keys, "failed_when"), "failed_when"),
                values.bool(node(keys, "ignore_errors"), "ignore_errors"),
                values.count(node(keys, "retries"), "retries"),
                keys.containsKey("until") ? values.condition(keys.get("until").value(), "until") : null,
                delay,
                values.tags(node(keys, "tags"), "tags"),
                values.bool(node(keys, "run_once"), "run_once"),
                str(values, keys, "delegate_to"),
                loop,
                values.boolOrNull(node(keys, "become"), "become"),
                str(values, keys, "become_user"),
                vars,
                values.bool(node(keys, "no_log"), "no_log"),
                values.names(node(keys, "listen"), "listen"),
                locations, at);
    }

    private static SourceLocation valueOrKey(YamlNodes doc, YamlNodes.Entry e) {
        return YamlNodes.isNull(e.value()) ? e.at() : doc.at(e.value());
    }

    private Map<String, Object> moduleArgs(YamlNodes doc, YamlNodes.Entry module, YamlNodes.Entry argsKeyword,
                                           Map<String, SourceLocation> locations) {
        Node v = module.value();
        if (module.key().equals(META)) {
            if (!(v instanceof ScalarNode s) || !"flush_handlers".equals(s.getValue())) {
                throw doc.error(v, META, "only 'meta: flush_handlers' is supported, got " + YamlNodes.describe(v));
            }
            locations.put("_", doc.at(v));
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("_", "flush_handlers");
            return args;
        }
        Module m = registry.get(module.key());
        ArgSpec spec = m.spec();
        Map<String, Object> args = new LinkedHashMap<>();
        Map<String, SourceLocation> argAt = new LinkedHashMap<>();
        if (argsKeyword != null) args.putAll(doc.toJavaMap(argsKeyword.value(), "args", argAt));
        if (v instanceof ScalarNode && !YamlNodes.isNull(v)) {
            if (spec.freeFormArg() == null) {
                throw doc.error(v, module.key(), "module '" + module.key() + "' takes its arguments as a mapping"
                        + " (" + module.key() + ": {name: value}), not a single value");
            }
            if (args.containsKey(spec.freeFormArg())) {
                throw doc.error(v, spec.freeFormArg(), "argument '" + spec.freeFormArg() + "' is given twice (also under args: at "
                        + argAt.get(spec.freeFormArg()) + ")");
            }
            args.put(spec.freeFormArg(), doc.scalar(v, module.key()));
            argAt.put(spec.freeFormArg(), doc.at(v));
        } else if (v instanceof SequenceNode) {
            throw doc.error(v, module.key(), "module arguments must be a mapping (name: value), got a list");
        } else {
            Map<String, SourceLocation> inline = new LinkedHashMap<>();
            Map<String, Object> given = doc.toJavaMap(v, module.key(), inline);
            for (String k : given.keySet()) {
                if (args.containsKey(k)) {
                    throw new InputException(inline.get(k), k, "argument '" + k + "' is given twice (also under args: at "
                            + argAt.get(k) + ")");
                }
            }
            args.putAll(given);
            argAt.putAll(inline);
        }
        Map<String, Object> checked = ModuleArgs.validate(m, args, argAt, module.at());
        locations.putAll(argAt);
        return checked;
    }

    private List<Task> importTasks(YamlNodes doc, Node node, Map<String, YamlNodes.Entry> keys, boolean handlers,
                                   List<Path> importing) {
        for (YamlNodes.Entry e : keys.values()) {
            if (!e.key().equals(IMPORT) && !IMPORT_KEYWORDS.contains(e.key())) {
                throw new InputException(e.at(), e.key(), "import_tasks takes only " + String.join(", ", IMPORT_KEYWORDS)
                        + Suggest.didYouMean(e.key(), IMPORT_KEYWORDS));
            }
        }
        Values values = new Values(doc);
        YamlNodes.Entry imp = keys.get(IMPORT);
        String rel = values.string(imp.value(), IMPORT);
        if (rel == null || rel.isBlank()) throw doc.error(imp.value(), IMPORT, "needs a file name");
        if (rel.contains("${")) throw doc.error(imp.value(), IMPORT, "is read before the run: the file name cannot use ${...}");
        Path file = PlaybookLoader.relativeTo(doc, rel);
        if (!Files.isRegularFile(file)) throw doc.error(imp.value(), IMPORT, "file " + file + " does not exist");
        Path real = file.toAbsolutePath().normalize();
        if (importing.contains(real)) throw doc.error(imp.value(), IMPORT, "imports itself (through " + importing + ")");

        YamlNodes imported = YamlNodes.read(file);
        if (imported.root() != null && !(imported.root() instanceof SequenceNode)) {
            throw imported.error(imported.root(), IMPORT, "a task file must be a list of tasks (- name: ...), got "
                    + YamlNodes.describe(imported.root()));
        }
        List<Path> stack = new ArrayList<>(importing);
        stack.add(real);
        List<Task> tasks = parseList(imported, imported.root(), "tasks", handlers, stack);

        List<String> when = values.conditions(node(keys, "when"), "when");
        List<String> tags = values.tags(node(keys, "tags"), "tags");
        Map<String, Object> vars = keys.containsKey("vars") ? doc.toJavaMap(keys.get("vars").value(), "vars", null) : Map.of();
        SourceLocation whenAt = keys.containsKey("when") ? valueOrKey(doc, keys.get("when")) : null;
        List<Task> out = new ArrayList<>();
        for (Task t : tasks) out.add(withImport(t, when, whenAt, tags, vars));
        return out;
    }

    private static Task withImport(Task t, List<String> when, SourceLocation whenAt, List<String> tags, Map<String, Object> vars) {
        List<String> allWhen = new ArrayList<>(when);
        allWhen.addAll(t.when());
        Set<String> allTags = new LinkedHashSet<>(tags);
        allTags.addAll(t.tags());
        Map<String, Object> allVars = new LinkedHashMap<>(vars);
        allVars.putAll(t.vars());
        Map<String, SourceLocation> at = new LinkedHashMap<>(t.argLocations());
        if (whenAt != null && !at.containsKey("when")) at.put("when", whenAt);
        return new Task(t.name(), t.module(), t.args(), allWhen, t.register(), t.notifies(), t.changedWhen(), t.failedWhen(),
                t.ignoreErrors(), t.retries(), t.until(), t.delay(), new ArrayList<>(allTags), t.runOnce(), t.delegateTo(),
                t.loop(), t.become(), t.becomeUser(), allVars, t.noLog(), t.listen(), at, t.location());
    }

    private InputException unknownKey(YamlNodes.Entry e, Map<String, YamlNodes.Entry> keys) {
        String k = e.key();
        if (k.startsWith("with_")) {
            return new InputException(e.at(), k, "'" + k + "' is not supported: use loop: (a list, or an expression giving one)");
        }
        if (k.equals("include_tasks") || k.equals("include")) {
            return new InputException(e.at(), k, "'" + k + "' is not supported: use import_tasks: (read when the playbook is loaded)");
        }
        if (k.equals("block") || k.equals("rescue") || k.equals("always")) {
            return new InputException(e.at(), k, "blocks are not supported: give each task its own when:");
        }
        List<String> candidates = new ArrayList<>(KEYWORDS);
        candidates.add(IMPORT);
        candidates.add(META);
        candidates.addAll(registry.names());
        return new InputException(e.at(), k, "unknown task keyword or module '" + k + "'" + Suggest.didYouMean(k, candidates));
    }

    private static Object loop(YamlNodes doc, Node n) {
        if (n instanceof SequenceNode) return doc.toJava(n);
        if (n instanceof ScalarNode && !YamlNodes.isNull(n)) {
            Object v = doc.toJava(n);
            if (v instanceof String s) return new Values(doc).expression(s, n, "loop");
        }
        throw doc.error(n, "loop", "must be a list, or an expression giving one (loop: \"${pg_users}\"), got " + YamlNodes.describe(n));
    }

    private static String register(YamlNodes doc, Node n) {
        String name = doc.scalar(n, "register");
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw doc.error(n, "register", "must be a variable name (letters, digits, _), got " + YamlNodes.describe(n));
        }
        return name;
    }

    private static Node node(Map<String, YamlNodes.Entry> keys, String key) {
        YamlNodes.Entry e = keys.get(key);
        return e == null ? null : e.value();
    }

    private static String str(Values values, Map<String, YamlNodes.Entry> keys, String key) {
        return values.string(node(keys, key), key);
    }
}
