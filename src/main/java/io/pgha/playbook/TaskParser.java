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
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns task lists into Task records: keywords, exactly one module with checked arguments,
 * {@code import_tasks} inlined (its when/tags/vars apply to every imported task), and blocks: a block
 * gives its keywords to every task under it ({@link Inherited}); one with {@code rescue:} or
 * {@code always:}, or with a name, stays a block (a Task with {@link Task.Block}), any other is
 * loaded as its tasks.
 */
final class TaskParser {
    static final List<String> KEYWORDS = List.of("name", "when", "register", "notify", "changed_when", "failed_when",
            "ignore_errors", "retries", "until", "delay", "tags", "run_once", "delegate_to", "loop", "become",
            "become_user", "vars", "no_log", "listen", "args");
    static final String META = "meta";
    static final String IMPORT = "import_tasks";
    private static final List<String> IMPORT_KEYWORDS = List.of("name", "when", "tags", "vars");
    static final String BLOCK = "block";
    /** The keys that make a task entry a block (rescue: and always: need block: beside them). */
    static final List<String> SECTIONS = List.of(BLOCK, "rescue", "always");
    private static final List<String> BLOCK_KEYWORDS = Stream.concat(IMPORT_KEYWORDS.stream(), Inherited.DEFAULTS.stream()).toList();
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
            else if (SECTIONS.stream().anyMatch(keys::containsKey)) out.addAll(block(doc, item, keys, handlers, importing));
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
                locations, at, null);
    }

    static SourceLocation valueOrKey(YamlNodes doc, YamlNodes.Entry e) {
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
        return new Inherited(doc, keys).applyTo(tasks);
    }

    /**
     * A block entry: block: (tasks, imports, blocks), rescue:, always: and the keywords its tasks
     * inherit. Handlers take plain blocks only (a handler runs on its own, not as part of a block).
     */
    private List<Task> block(YamlNodes doc, Node node, Map<String, YamlNodes.Entry> keys, boolean handlers,
                             List<Path> importing) {
        if (!keys.containsKey(BLOCK)) {
            YamlNodes.Entry e = keys.containsKey("rescue") ? keys.get("rescue") : keys.get("always");
            throw new InputException(e.at(), e.key(), e.key() + ": goes beside a block: (the tasks it is for), in the same entry");
        }
        for (YamlNodes.Entry e : keys.values()) {
            if (!SECTIONS.contains(e.key()) && !BLOCK_KEYWORDS.contains(e.key())) throw blockKey(e);
        }
        for (String section : List.of("rescue", "always")) {
            if (handlers && keys.containsKey(section)) {
                throw new InputException(keys.get(section).at(), section, "a block in handlers: cannot have " + section
                        + ": (a handler runs on its own when notified)");
            }
        }
        List<Task> tasks = parseList(doc, keys.get(BLOCK).value(), BLOCK, handlers, importing);
        List<Task> rescue = keys.containsKey("rescue") ? parseList(doc, keys.get("rescue").value(), "rescue", false, importing) : List.of();
        List<Task> always = keys.containsKey("always") ? parseList(doc, keys.get("always").value(), "always", false, importing) : List.of();
        Inherited inherited = new Inherited(doc, keys);
        String name = str(new Values(doc), keys, "name");
        if (handlers || (rescue.isEmpty() && always.isEmpty() && (name == null || name.isBlank()))) return inherited.applyTo(tasks);
        Task block = new Task(name, BLOCK, Map.of(), List.of(), null, List.of(), null, null, false, 0, null, null, List.of(),
                false, null, null, null, null, Map.of(), false, List.of(), Map.of(), doc.at(node),
                new Task.Block(tasks, rescue, always));
        return List.of(inherited.applyTo(block));
    }

    private InputException blockKey(YamlNodes.Entry e) {
        String k = e.key();
        String takes = "a block takes " + String.join(", ", SECTIONS) + " and " + String.join(", ", BLOCK_KEYWORDS);
        if (registry.has(k) || k.equals(META) || k.equals(IMPORT)) {
            return new InputException(e.at(), k, "a block runs no module itself: put '" + k + "' in a task of its own under block:");
        }
        if (k.equals("any_errors_fatal")) {
            return new InputException(e.at(), k, "any_errors_fatal is a play keyword in pgha; " + takes);
        }
        if (KEYWORDS.contains(k)) {
            return new InputException(e.at(), k, "'" + k + "' does not go on a block: put it on the tasks under block: (" + takes + ")");
        }
        List<String> candidates = new ArrayList<>(SECTIONS);
        candidates.addAll(BLOCK_KEYWORDS);
        return new InputException(e.at(), k, "unknown block keyword '" + k + "'" + Suggest.didYouMean(k, candidates));
    }

    private InputException unknownKey(YamlNodes.Entry e, Map<String, YamlNodes.Entry> keys) {
        String k = e.key();
        if (k.startsWith("with_")) {
            return new InputException(e.at(), k, "'" + k + "' is not supported: use loop: (a list, or an expression giving one)");
        }
        if (k.equals("include_tasks") || k.equals("include")) {
            return new InputException(e.at(), k, "'" + k + "' is not supported: use import_tasks: (read when the playbook is loaded)");
        }
        List<String> candidates = new ArrayList<>(KEYWORDS);
        candidates.add(IMPORT);
        candidates.addAll(SECTIONS);
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

    static Node node(Map<String, YamlNodes.Entry> keys, String key) {
        YamlNodes.Entry e = keys.get(key);
        return e == null ? null : e.value();
    }

    private static String str(Values values, Map<String, YamlNodes.Entry> keys, String key) {
        return values.string(node(keys, key), key);
    }
}
