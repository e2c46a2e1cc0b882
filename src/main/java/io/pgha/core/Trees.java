package io.pgha.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Variable values as YAML shapes them (maps with string keys, lists, leaves): deep copies with each leaf mapped. */
public final class Trees {
    private Trees() {}

    public static Object map(Object v, UnaryOperator<Object> leaf) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), map(x, leaf)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) out.add(map(x, leaf));
            return out;
        }
        return leaf.apply(v);
    }
}
