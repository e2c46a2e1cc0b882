package io.pgha.template;

import freemarker.template.DefaultObjectWrapperBuilder;
import io.pgha.core.Secrets;
import freemarker.template.ObjectWrapper;
import freemarker.template.SimpleCollection;
import freemarker.template.SimpleSequence;
import freemarker.template.TemplateCollectionModel;
import freemarker.template.TemplateHashModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateSequenceModel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Variables as Freemarker sees them, rendered lazily like Ansible's: a value such as
 * {@code pg_bin: "${pg_home}/bin"} is rendered when used, against the same variables, so
 * variables may refer to each other in any order and from any layer. Nested maps and lists are
 * rendered the same way. A variable that refers to itself is reported, not looped.
 */
public final class VarsModel implements TemplateHashModelEx {
    static final ObjectWrapper WRAPPER = new DefaultObjectWrapperBuilder(freemarker.template.Configuration.VERSION_2_3_34).build();
    private static final ThreadLocal<Set<String>> RESOLVING = ThreadLocal.withInitial(HashSet::new);

    private final Function<String, Object> lookup;
    private final Supplier<Set<String>> keys;
    private final Expressions expressions;

    /**
     * @param lookup      a variable's raw value by name (null when undefined)
     * @param keys        every defined name (for ?keys and the like)
     */
    public VarsModel(Function<String, Object> lookup, Supplier<Set<String>> keys, Expressions expressions) {
        this.lookup = lookup;
        this.keys = keys;
        this.expressions = expressions;
    }

    /** A model over a plain map. */
    public static VarsModel of(Map<String, Object> vars, Expressions expressions) {
        return new VarsModel(vars::get, vars::keySet, expressions);
    }

    @Override
    public TemplateModel get(String key) throws TemplateModelException {
        Object v = lookup.apply(key);
        return v == null ? null : wrap(v, key);
    }

    /** The fully rendered plain value of a variable (null when undefined). */
    public Object resolve(String key) {
        Object v = lookup.apply(key);
        return v == null ? null : resolveValue(v, key);
    }

    /** A secret is a literal: a password holding ${ or <# is not a template. */
    private static boolean isTemplate(String s, String path) {
        return Expressions.isTemplated(s) && !Secrets.isSecretName(path);
    }

    private Object resolveValue(Object v, String path) {
        if (v instanceof String s && isTemplate(s, path)) {
            Set<String> active = RESOLVING.get();
            if (!active.add(path)) {
                throw new ExpressionException("variable '" + path + "' refers to itself (through " + String.join(", ", active) + ")");
            }
            try {
                Object r = expressions.renderValue(s, this, "variable '" + path + "'");
                return r instanceof String ? r : resolveValue(r, path);
            } finally {
                active.remove(path);
            }
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), val == null ? null : resolveValue(val, path + "." + k)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) out.add(l.get(i) == null ? null : resolveValue(l.get(i), path + "[" + i + "]"));
            return out;
        }
        return v;
    }

    TemplateModel wrap(Object v, String path) throws TemplateModelException {
        if (v instanceof String s && isTemplate(s, path)) return WRAPPER.wrap(resolveValue(s, path));
        if (v instanceof Map<?, ?> m) return new LazyHash(m, path);
        if (v instanceof List<?> l) return new LazySequence(l, path);
        return WRAPPER.wrap(v);
    }

    @Override
    public int size() { return keys.get().size(); }

    @Override
    public TemplateCollectionModel keys() { return new SimpleCollection(keys.get(), WRAPPER); }

    @Override
    public TemplateCollectionModel values() throws TemplateModelException {
        List<TemplateModel> vals = new ArrayList<>();
        for (String k : keys.get()) vals.add(get(k));
        return new SimpleCollection(vals, WRAPPER);
    }

    @Override
    public boolean isEmpty() { return keys.get().isEmpty(); }

    /** A nested map whose string values render lazily against the root variables. */
    private final class LazyHash implements TemplateHashModelEx {
        private final Map<?, ?> map;
        private final String path;

        LazyHash(Map<?, ?> map, String path) { this.map = map; this.path = path; }

        @Override
        public TemplateModel get(String key) throws TemplateModelException {
            Object v = map.get(key);
            return v == null ? null : wrap(v, path + "." + key);
        }

        @Override public int size() { return map.size(); }
        @Override public boolean isEmpty() { return map.isEmpty(); }
        @Override public TemplateCollectionModel keys() {
            List<String> ks = new ArrayList<>();
            map.keySet().forEach(k -> ks.add(String.valueOf(k)));
            return new SimpleCollection(ks, WRAPPER);
        }
        @Override public TemplateCollectionModel values() throws TemplateModelException {
            List<TemplateModel> vals = new ArrayList<>();
            for (Object k : map.keySet()) vals.add(get(String.valueOf(k)));
            return new SimpleCollection(vals, WRAPPER);
        }
    }

    /** A nested list whose string items render lazily. */
    private final class LazySequence implements TemplateSequenceModel {
        private final List<?> list;
        private final String path;

        LazySequence(List<?> list, String path) { this.list = list; this.path = path; }

        @Override
        public TemplateModel get(int index) throws TemplateModelException {
            if (index < 0 || index >= list.size()) return null;
            Object v = list.get(index);
            return v == null ? null : wrap(v, path + "[" + index + "]");
        }

        @Override public int size() { return list.size(); }
    }

    static SimpleSequence emptySequence() { return new SimpleSequence(WRAPPER); }
}
