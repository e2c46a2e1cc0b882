package io.pgha.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Module arguments written inline in tests: args("path", "/x", "mode", "0644"), in that order. */
public final class TestArgs {
    private TestArgs() {}

    public static Map<String, Object> args(Object... keysAndValues) {
        Map<String, Object> a = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) a.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return a;
    }
}
