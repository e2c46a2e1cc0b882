package io.pgha.modules.system;

import io.pgha.core.Booleans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of rendered module arguments. Values arrive as YAML gave them or as ${...} rendered
 * them, so "yes", true and 1 are all true, and "a,b" is a list like [a, b].
 */
final class Args {
    private Args() {}

    static String str(Map<String, Object> args, String name) {
        Object v = args.get(name);
        if (v == null) return null;
        String s = String.valueOf(v);
        return s.isEmpty() ? null : s;
    }

    static String str(Map<String, Object> args, String name, String dflt) {
        String s = str(args, name);
        return s == null ? dflt : s;
    }

    static String required(Map<String, Object> args, String name) throws TaskFailure {
        String s = str(args, name);
        if (s == null || s.isBlank()) throw new TaskFailure("argument '" + name + "' is required");
        return s;
    }

    /** true/false, yes/no, on/off, 1/0; null when absent. */
    static Boolean bool(Map<String, Object> args, String name) throws TaskFailure {
        Object v = args.get(name);
        if (v == null) return null;
        if (String.valueOf(v).isBlank()) return null;
        Boolean b = Booleans.parse(v);
        if (b == null) throw new TaskFailure("argument '" + name + "' must be yes or no, got '" + v + "'");
        return b;
    }

    static boolean bool(Map<String, Object> args, String name, boolean dflt) throws TaskFailure {
        Boolean b = bool(args, name);
        return b == null ? dflt : b;
    }

    static Integer integer(Map<String, Object> args, String name) throws TaskFailure {
        Object v = args.get(name);
        if (v == null || String.valueOf(v).isBlank()) return null;
        if (v instanceof Number n) return n.intValue();
        try {
            return Integer.parseInt(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new TaskFailure("argument '" + name + "' must be a whole number, got '" + v + "'");
        }
    }

    static int integer(Map<String, Object> args, String name, int dflt) throws TaskFailure {
        Integer i = integer(args, name);
        return i == null ? dflt : i;
    }

    /** Seconds as a number; "1.5" allowed. */
    static double seconds(Map<String, Object> args, String name, double dflt) throws TaskFailure {
        Object v = args.get(name);
        if (v == null || String.valueOf(v).isBlank()) return dflt;
        if (v instanceof Number n) return n.doubleValue();
        try {
            double d = Double.parseDouble(String.valueOf(v).trim());
            if (d < 0) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new TaskFailure("argument '" + name + "' must be a number of seconds, got '" + v + "'");
        }
    }

    /** A list from a YAML list or a comma-separated string; empty when absent. Blank items dropped. */
    static List<String> list(Map<String, Object> args, String name) {
        Object v = args.get(name);
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        if (v instanceof List<?> l) {
            for (Object o : l) if (o != null && !String.valueOf(o).isBlank()) out.add(String.valueOf(o).trim());
            return out;
        }
        for (String s : String.valueOf(v).split(",")) if (!s.isBlank()) out.add(s.trim());
        return out;
    }

    /** The value among choices (case-insensitive), or dflt when absent. */
    static String choice(Map<String, Object> args, String name, String dflt, String... choices) throws TaskFailure {
        String s = str(args, name);
        if (s == null) return dflt;
        for (String c : choices) if (c.equalsIgnoreCase(s.trim())) return c;
        throw new TaskFailure("argument '" + name + "' must be one of " + String.join(", ", choices) + ", got '" + s + "'");
    }
}
