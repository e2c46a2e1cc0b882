package io.pgha.playbook;

import io.pgha.core.InputException;
import io.pgha.core.SourceLocation;
import io.pgha.core.Suggest;
import io.pgha.core.YamlNodes;
import io.pgha.modules.ModuleRegistry;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Loads a playbook (a YAML list of plays) and checks everything that can be checked before a run:
 * keywords, modules and their arguments, imported task files, vars_files. Every problem is an
 * InputException naming file:line and the field, with a suggestion for typos.
 */
public final class PlaybookLoader {
    static final List<String> PLAY_KEYWORDS = List.of("name", "hosts", "vars", "vars_files", "become", "become_user",
            "serial", "gather_facts", "any_errors_fatal", "pre_tasks", "tasks", "post_tasks", "handlers", "tags");

    private final ModuleRegistry registry;
    private final TaskParser tasks;

    public PlaybookLoader(ModuleRegistry registry) {
        this.registry = Objects.requireNonNull(registry);
        this.tasks = new TaskParser(registry);
    }

    public Playbook load(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InputException(SourceLocation.of(path.toString()), "playbook", "playbook file not found");
        }
        YamlNodes doc = YamlNodes.read(path);
        Node root = doc.root();
        if (YamlNodes.isNull(root)) throw new InputException(SourceLocation.of(doc.file()), "playbook", "the playbook is empty");
        if (!(root instanceof SequenceNode)) {
            throw doc.error(root, "playbook", "a playbook is a list of plays (- hosts: ..., with tasks: under each), got "
                    + YamlNodes.describe(root));
        }
        List<Path> importing = List.of(path.toAbsolutePath().normalize());
        List<Play> plays = new ArrayList<>();
        for (Node item : doc.sequence(root, "playbook")) plays.add(play(doc, item, importing));
        Path abs = path.toAbsolutePath().normalize();
        return new Playbook(path, abs.getParent(), plays);
    }

    private Play play(YamlNodes doc, Node node, List<Path> importing) {
        if (!(node instanceof MappingNode)) {
            throw doc.error(node, "play", "each play must be a mapping (hosts:, tasks:, ...), got " + YamlNodes.describe(node));
        }
        Map<String, YamlNodes.Entry> keys = doc.mapping(node, "play");
        for (YamlNodes.Entry e : keys.values()) {
            if (PLAY_KEYWORDS.contains(e.key())) continue;
            if (registry.has(e.key()) || e.key().equals(TaskParser.META) || TaskParser.KEYWORDS.contains(e.key())
                    || TaskParser.SECTIONS.contains(e.key())) {
                throw new InputException(e.at(), e.key(), "'" + e.key() + "' belongs in a task: put it under tasks: of a play");
            }
            if (e.key().equals("connection")) {
                throw new InputException(e.at(), e.key(), "connection: is not supported: pgha reaches every host over SSH"
                        + " and has no local connection");
            }
            throw new InputException(e.at(), e.key(), "unknown play keyword '" + e.key() + "'" + Suggest.didYouMean(e.key(), PLAY_KEYWORDS));
        }
        Values values = new Values(doc);
        SourceLocation at = doc.at(node);
        YamlNodes.Entry hostsEntry = keys.get("hosts");
        if (hostsEntry == null) throw new InputException(at, "hosts", "a play needs hosts: (a group, a host, or all)");
        String hosts = hosts(doc, hostsEntry.value());

        Map<String, Object> vars = new LinkedHashMap<>();
        if (keys.containsKey("vars")) vars.putAll(doc.toJavaMap(keys.get("vars").value(), "vars", null));
        if (keys.containsKey("vars_files")) varsFiles(doc, keys.get("vars_files").value(), vars);

        List<Task> all = new ArrayList<>();
        for (String section : List.of("pre_tasks", "tasks", "post_tasks")) {
            if (keys.containsKey(section)) all.addAll(tasks.parseList(doc, keys.get(section).value(), section, false, importing));
        }
        List<Task> handlers = keys.containsKey("handlers")
                ? tasks.parseList(doc, keys.get("handlers").value(), "handlers", true, importing) : List.of();
        checkNotifies(all, handlers);
        Boolean gather = values.boolOrNull(node(keys, "gather_facts"), "gather_facts");
        return new Play(values.string(node(keys, "name"), "name"), hosts, vars,
                values.boolOrNull(node(keys, "become"), "become"),
                values.string(node(keys, "become_user"), "become_user"),
                values.count(node(keys, "serial"), "serial"),
                gather == null || gather,
                values.bool(node(keys, "any_errors_fatal"), "any_errors_fatal"),
                all, handlers, values.tags(node(keys, "tags"), "tags"), at);
    }

    /** Every notify names a handler of the same play (by name or listen), else it would silently never run. */
    private static void checkNotifies(List<Task> tasks, List<Task> handlers) {
        Set<String> names = new LinkedHashSet<>();
        for (Task h : handlers) {
            if ((h.name() == null || h.name().isBlank()) && h.listen().isEmpty()) {
                throw new InputException(h.location(), "name", "a handler needs a name: (or listen:) so tasks can notify it");
            }
            if (h.name() != null) names.add(h.name());
            names.addAll(h.listen());
        }
        List<Task> notifying = Task.leaves(tasks);
        notifying.addAll(handlers);
        for (Task t : notifying) {
            for (String n : t.notifies()) {
                if (n.contains("${") || names.contains(n)) continue;
                SourceLocation at = t.argLocations().getOrDefault("notify", t.location());
                throw new InputException(at, "notify", "no handler '" + n + "' in this play"
                        + Suggest.didYouMean(n, names) + (names.isEmpty() ? " (the play has no handlers:)" : ""));
            }
        }
    }

    /** hosts: "pg_cluster", "db06:db07", or a list of names (joined as a union). */
    private static String hosts(YamlNodes doc, Node n) {
        List<String> names = new ArrayList<>();
        if (n instanceof SequenceNode s) {
            for (Node item : s.getValue()) names.add(doc.scalar(item, "hosts"));
        } else {
            names.add(doc.scalar(n, "hosts"));
        }
        names.removeIf(x -> x == null || x.isBlank());
        if (names.isEmpty()) throw doc.error(n, "hosts", "a play needs hosts: (a group, a host, or all)");
        return String.join(":", names);
    }

    /** vars_files: files relative to the playbook, read in order; later files win, and all win over vars:. */
    private static void varsFiles(YamlNodes doc, Node n, Map<String, Object> into) {
        List<Node> items = n instanceof SequenceNode s ? s.getValue() : List.of(n);
        for (Node item : items) {
            String rel = doc.scalar(item, "vars_files");
            if (rel == null || rel.isBlank()) throw doc.error(item, "vars_files", "needs a file name");
            Path file = relativeTo(doc, rel);
            if (!Files.isRegularFile(file)) throw doc.error(item, "vars_files", "file " + file + " does not exist");
            YamlNodes vars = YamlNodes.read(file);
            into.putAll(vars.toJavaMap(vars.root(), "vars_files", null));
        }
    }

    /** A path written in {@code doc}, relative to that file's directory (~ is the home directory). */
    static Path relativeTo(YamlNodes doc, String rel) {
        String p = rel.trim();
        if (p.startsWith("~/")) return Path.of(System.getProperty("user.home")).resolve(p.substring(2));
        Path raw = Path.of(p);
        if (raw.isAbsolute()) return raw;
        Path parent = Path.of(doc.file()).getParent();
        return parent == null ? raw : parent.resolve(raw).normalize();
    }

    private static Node node(Map<String, YamlNodes.Entry> keys, String key) {
        YamlNodes.Entry e = keys.get(key);
        return e == null ? null : e.value();
    }
}
