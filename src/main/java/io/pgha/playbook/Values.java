package io.pgha.playbook;

import io.pgha.core.Booleans;
import io.pgha.core.YamlNodes;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads keyword values (booleans, counts, names, lists of names) with messages naming file:line and the keyword. */
final class Values {
    private final YamlNodes doc;

    Values(YamlNodes doc) {
        this.doc = doc;
    }

    String string(Node n, String field) {
        return doc.scalar(n, field);
    }

    /** true/false (yes/no accepted, as Ansible users write them). */
    boolean bool(Node n, String field) {
        Boolean b = boolOrNull(n, field);
        return b != null && b;
    }

    Boolean boolOrNull(Node n, String field) {
        if (YamlNodes.isNull(n)) return null;
        Object v = doc.toJava(n);
        Boolean b = v instanceof Boolean || v instanceof String ? Booleans.parse(v) : null;
        if (b != null) return b;
        throw doc.error(n, field, "must be true or false, got " + YamlNodes.describe(n));
    }

    int count(Node n, String field) {
        if (YamlNodes.isNull(n)) return 0;
        Object v = doc.toJava(n);
        if (v instanceof Integer i && i >= 0) return i;
        if (v instanceof String s && s.trim().matches("[0-9]{1,9}")) return Integer.parseInt(s.trim());
        throw doc.error(n, field, "must be a whole number (0 or more), got " + YamlNodes.describe(n));
    }

    /** Seconds, whole or fractional. */
    Duration seconds(Node n, String field) {
        if (YamlNodes.isNull(n)) return null;
        Object v = doc.toJava(n);
        double d = -1;
        if (v instanceof Number num) d = num.doubleValue();
        else if (v instanceof String s && s.trim().matches("[0-9]+(\\.[0-9]+)?")) d = Double.parseDouble(s.trim());
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw doc.error(n, field, "must be a number of seconds, got " + YamlNodes.describe(n));
        }
        return Duration.ofMillis(Math.round(d * 1000));
    }

    /** A name or a list of names (notify, listen). */
    List<String> names(Node n, String field) {
        List<String> out = new ArrayList<>();
        if (YamlNodes.isNull(n)) return out;
        if (n instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                String v = doc.scalar(item, field);
                if (v != null && !v.isBlank()) out.add(v);
            }
        } else {
            out.add(doc.scalar(n, field));
        }
        return out;
    }

    /** Tags: a list, or one string where commas separate tags. */
    List<String> tags(Node n, String field) {
        List<String> out = new ArrayList<>();
        for (String s : names(n, field)) {
            for (String t : s.split(",")) if (!t.isBlank()) out.add(t.trim());
        }
        return out;
    }

    /** when: a condition, a list of conditions (all must hold), or a literal true/false. */
    List<String> conditions(Node n, String field) {
        List<String> out = new ArrayList<>();
        if (YamlNodes.isNull(n)) return out;
        List<Node> items = n instanceof SequenceNode s ? s.getValue() : List.of(n);
        for (Node item : items) {
            if (!(item instanceof ScalarNode)) {
                throw doc.error(item, field, "must be a condition or a list of conditions, got " + YamlNodes.describe(item));
            }
            Object v = doc.toJava(item);
            if (v == null) continue;
            out.add(expression(String.valueOf(v), item, field));
        }
        return out;
    }

    /** Conditions are bare Freemarker expressions; Jinja2's {{ }} would only fail later, less clearly. */
    String expression(String text, Node n, String field) {
        if (text.contains("{{") && text.contains("}}")) {
            throw doc.error(n, field, "pgha expressions are Freemarker, not Jinja2: write " + field
                    + " without {{ }} (e.g. pg_role == \"primary\"), and ${name} inside argument values");
        }
        return text;
    }

    /** changed_when/failed_when: one condition; a list means all must hold. */
    String condition(Node n, String field) {
        List<String> c = conditions(n, field);
        if (c.isEmpty()) return null;
        if (c.size() == 1) return c.get(0);
        List<String> wrapped = c.stream().map(s -> "(" + s + ")").toList();
        return String.join(" && ", wrapped);
    }
}
