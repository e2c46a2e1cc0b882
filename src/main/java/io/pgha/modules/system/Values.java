package io.pgha.modules.system;

import io.pgha.core.Json;

/** Values shown to the user (debug, assert): scalars as they are, lists and maps as compact JSON. */
final class Values {
    private Values() {}

    static String show(Object v) {
        if (v instanceof String s) return s;
        return Json.writeReadable(v);
    }

    /** Strips a ${...} wrapper: debug var and assert that hold bare expressions, but users often write ${x}. */
    static String bareExpression(String e) {
        String t = e.strip();
        if (t.startsWith("${") && t.endsWith("}") && t.indexOf("${", 2) < 0) return t.substring(2, t.length() - 1).strip();
        return t;
    }
}
