package io.pgha.core;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One parsed YAML file as a node tree that remembers where everything was written, with helpers
 * that read mappings, sequences and scalars and turn them into plain Java (Map, List, String,
 * Integer, Long, Boolean, Double, null). Every problem is an InputException naming file:line.
 *
 * <p>Types follow YAML 1.2 (see {@link YamlResolver}): 0644 is the string "0644", yes is "yes".
 * Duplicate keys are an error, anywhere in the file. Merge keys ({@code <<: *base}) work.
 */
public final class YamlNodes {
    /** One key of a mapping: its name, where the key was written, and its value node. */
    public record Entry(String key, SourceLocation at, Node value) {}

    private final String file;
    private final Node root;

    private YamlNodes(String file, Node root) {
        this.file = file;
        this.root = root;
    }

    /** Reads and parses a file; its location label is the path as given. */
    public static YamlNodes read(Path path) {
        String label = path.toString();
        String text;
        try {
            text = utf8(Files.readAllBytes(path), label);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(SourceLocation.of(label), null, "file not found");
        } catch (IOException e) {
            throw new InputException(SourceLocation.of(label), null, "cannot read file: " + e.getMessage());
        }
        return parse(text, label);
    }

    /** The text of a UTF-8 file; anything else is named by line and byte offset. */
    static String utf8(byte[] bytes, String label) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int offset = in.position();
            int line = 1, column = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') { line++; column = 1; } else column++;
            }
            throw new InputException(new SourceLocation(label, line, column), null, String.format(
                    "not UTF-8 at line %d (byte offset %d: 0x%02x): save the file as UTF-8", line, offset, bytes[offset] & 0xff));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Parses text; {@code file} labels locations in messages. */
    public static YamlNodes parse(String text, String file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        Node root;
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(text), options), new YamlResolver(), options);
            root = composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            SourceLocation at = m == null ? SourceLocation.of(file) : new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1);
            StringBuilder msg = new StringBuilder("malformed YAML: ");
            msg.append(e.getProblem() != null ? e.getProblem() : e.getMessage());
            if (e.getContext() != null) {
                msg.append(" (").append(e.getContext());
                Mark c = e.getContextMark();
                if (c != null && e.getProblemMark() != null && c.getLine() != e.getProblemMark().getLine()) {
                    msg.append(" at line ").append(c.getLine() + 1);
                }
                msg.append(")");
            }
            throw new InputException(at, null, msg.toString());
        } catch (YAMLException e) {
            throw new InputException(SourceLocation.of(file), null, "malformed YAML: " + e.getMessage());
        }
        YamlNodes doc = new YamlNodes(file, root);
        if (root != null) doc.checkMappings(root, Collections.newSetFromMap(new IdentityHashMap<>()));
        return doc;
    }

    public String file() { return file; }

    /** The document's top node; null for an empty file. */
    public Node root() { return root; }

    /** file:line:column of a node (1-based). */
    public SourceLocation at(Node n) {
        if (n == null || n.getStartMark() == null) return SourceLocation.of(file);
        Mark m = n.getStartMark();
        return new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1);
    }

    /** An InputException at a node, naming the field. */
    public InputException error(Node n, String field, String message) {
        return new InputException(at(n), field, message);
    }

    /** True for a missing value: no node, or an explicit/empty null scalar. */
    public static boolean isNull(Node n) {
        return n == null || (n instanceof ScalarNode s && Tag.NULL.equals(s.getTag()));
    }

    /**
     * A mapping's entries in file order. A null value counts as an empty mapping. Keys must be
     * scalars; merge keys are expanded (keys written here win over merged ones).
     */
    public Map<String, Entry> mapping(Node n, String field) {
        if (isNull(n)) return new LinkedHashMap<>();
        if (!(n instanceof MappingNode m)) {
            throw error(n, field, "must be a mapping (key: value), got " + describe(n));
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        List<Node> merges = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            if (k instanceof ScalarNode ks && Tag.MERGE.equals(ks.getTag())) {
                merges.add(t.getValueNode());
                continue;
            }
            if (!(k instanceof ScalarNode ks)) throw error(k, field, "a key must be a plain value, got " + describe(k));
            String key = ks.getValue();
            Entry before = out.get(key);
            if (before != null) {
                throw error(k, key, "duplicate key '" + key + "' (first set at line " + before.at().line() + ")");
            }
            out.put(key, new Entry(key, at(k), t.getValueNode()));
        }
        for (Node merge : merges) {
            List<Node> sources = merge instanceof SequenceNode s ? s.getValue() : List.of(merge);
            for (Node src : sources) {
                if (!(src instanceof MappingNode)) throw error(src, "<<", "a merge key needs a mapping or a list of mappings");
                mapping(src, field).forEach(out::putIfAbsent);
            }
        }
        return out;
    }

    /** A sequence's items. A null value counts as an empty list. */
    public List<Node> sequence(Node n, String field) {
        if (isNull(n)) return new ArrayList<>();
        if (!(n instanceof SequenceNode s)) throw error(n, field, "must be a list, got " + describe(n));
        return s.getValue();
    }

    /** A scalar's value as a string (numbers and booleans as written); null for a null value. */
    public String scalar(Node n, String field) {
        if (isNull(n)) return null;
        if (!(n instanceof ScalarNode s)) throw error(n, field, "must be a single value, got " + describe(n));
        return s.getValue();
    }

    /** A node as plain Java: Map (LinkedHashMap, string keys), List, String, Integer/Long, Boolean, Double, null. */
    public Object toJava(Node n) {
        return toJava(n, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** A mapping as plain Java, recording where each top-level key was written. */
    public Map<String, Object> toJavaMap(Node n, String field, Map<String, SourceLocation> keyLocations) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Entry e : mapping(n, field).values()) {
            out.put(e.key(), toJava(e.value()));
            if (keyLocations != null) keyLocations.put(e.key(), e.at());
        }
        return out;
    }

    /** "a mapping", "a list" or "'text'", for messages. */
    public static String describe(Node n) {
        if (n instanceof MappingNode) return "a mapping";
        if (n instanceof SequenceNode) return "a list";
        if (isNull(n)) return "nothing";
        return "'" + ((ScalarNode) n).getValue() + "'";
    }

    private Object toJava(Node n, Set<Node> inProgress) {
        if (n == null) return null;
        if (n instanceof ScalarNode s) return scalarValue(s);
        if (!inProgress.add(n)) throw error(n, null, "an alias refers to itself (recursive structure)");
        try {
            if (n instanceof SequenceNode s) {
                List<Object> out = new ArrayList<>(s.getValue().size());
                for (Node item : s.getValue()) out.add(toJava(item, inProgress));
                return out;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Entry e : mapping(n, null).values()) out.put(e.key(), toJava(e.value(), inProgress));
            return out;
        } finally {
            inProgress.remove(n);
        }
    }

    private static Object scalarValue(ScalarNode s) {
        Tag tag = s.getTag();
        String v = s.getValue();
        if (Tag.NULL.equals(tag)) return null;
        if (Tag.BOOL.equals(tag)) return Boolean.parseBoolean(v.toLowerCase(Locale.ROOT));
        if (Tag.INT.equals(tag)) return parseInt(v);
        if (Tag.FLOAT.equals(tag)) return parseFloat(v);
        return v;  // strings, and explicit tags we do not interpret
    }

    private static Object parseInt(String v) {
        try {
            long n = v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v.replace("_", ""));
            return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? (Object) (int) n : (Object) n;
        } catch (NumberFormatException e) {
            return v;   // too big, or an explicit !!int on something that is not one: keep the text
        }
    }

    private static Object parseFloat(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.endsWith(".inf")) return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (s.equals(".nan")) return Double.NaN;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** Walks the whole tree once so duplicate keys and unknown tags are reported even where nobody reads. */
    private void checkMappings(Node n, Set<Node> seen) {
        if (!seen.add(n)) return;
        if (!n.getTag().startsWith(Tag.PREFIX)) {
            String tag = n.getTag().getValue();
            throw error(n, null, "unsupported YAML tag '" + tag + "'"
                    + (tag.equals("!vault") ? " (Ansible Vault is not supported: give secrets by reference, NAME_env or NAME_file)" : ""));
        }
        if (n instanceof MappingNode m) {
            mapping(m, null);
            for (NodeTuple t : m.getValue()) checkMappings(t.getValueNode(), seen);
        } else if (n instanceof SequenceNode s) {
            for (Node item : s.getValue()) checkMappings(item, seen);
        }
    }
}
