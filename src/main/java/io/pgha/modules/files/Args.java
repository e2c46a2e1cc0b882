package io.pgha.modules.files;

import io.pgha.core.Booleans;
import io.pgha.modules.support.Modes;
import io.pgha.modules.support.RemoteFiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A file module's rendered arguments, read leniently the way playbooks write them (yes/no/true/false,
 * numbers as text) and strictly where a wrong value would do harm (unknown state, bad mode).
 * Problems are IllegalArgumentExceptions naming the argument; AbstractFileModule turns them into a failure.
 */
final class Args {
    private final Map<String, Object> values;

    Args(Map<String, Object> values) { this.values = values == null ? Map.of() : values; }

    /** The first of the names given (an argument and its aliases) that is set. */
    Object raw(String... names) {
        for (String n : names) {
            Object v = values.get(n);
            if (v != null) return v;
        }
        return null;
    }

    boolean has(String... names) { return raw(names) != null; }

    String str(String... names) {
        Object v = raw(names);
        if (v == null) return null;
        if (v instanceof Map || v instanceof List) throw new IllegalArgumentException(names[0] + " must be text, got " + v);
        return v.toString();
    }

    String required(String... names) {
        String v = str(names);
        if (v == null || v.isEmpty()) throw new IllegalArgumentException(names[0] + " is required");
        return v;
    }

    boolean bool(String name, boolean dflt) {
        Object v = values.get(name);
        if (v == null) return dflt;
        Boolean b = Booleans.parse(v);
        if (b == null) throw new IllegalArgumentException(name + " must be yes or no, got '" + v + "'");
        return b;
    }

    String choice(String name, String dflt, String... choices) {
        String v = str(name);
        if (v == null) return dflt;
        if (!Arrays.asList(choices).contains(v)) {
            throw new IllegalArgumentException(name + " must be one of " + String.join(", ", choices) + ", got '" + v + "'");
        }
        return v;
    }

    /** A list argument; a scalar is split on whitespace (extra_opts: "--strip-components=1 -v"). */
    List<String> list(String name) {
        Object v = values.get(name);
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        if (v instanceof List<?> l) {
            for (Object o : l) if (o != null) out.add(o.toString());
        } else {
            for (String s : v.toString().trim().split("\\s+")) if (!s.isEmpty()) out.add(s);
        }
        return out;
    }

    /** owner, group and mode (each optional). */
    RemoteFiles.Attrs attrs() {
        Integer mode;
        try {
            mode = Modes.parse(values.get("mode"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        String owner = str("owner");
        String group = str("group");
        return new RemoteFiles.Attrs(blankToNull(owner), blankToNull(group), mode);
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}
