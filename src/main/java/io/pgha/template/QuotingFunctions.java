package io.pgha.template;

import freemarker.template.Configuration;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import io.pgha.core.Shell;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The quoting functions every template and playbook expression can call: sh(v) for a shell word,
 * conninfo(v) for a libpq value, unit(v) for a systemd unit word. One definition each, so a value
 * is quoted the same way wherever it lands.
 */
final class QuotingFunctions {
    private QuotingFunctions() {}

    static void install(Configuration cfg) {
        cfg.setSharedVariable("sh", function("sh", Shell::word));
        cfg.setSharedVariable("conninfo", function("conninfo", ConfQuoting::conninfo));
        cfg.setSharedVariable("unit", function("unit", ConfQuoting::unit));
    }

    private static TemplateMethodModelEx function(String name, UnaryOperator<String> quote) {
        return (List args) -> {
            if (args.size() != 1) throw new TemplateModelException(name + "() takes one value, got " + args.size());
            Object v = DeepUnwrap.unwrap((freemarker.template.TemplateModel) args.get(0));
            if (v == null || v instanceof java.util.Map || v instanceof java.util.Collection) {
                throw new TemplateModelException(name + "() quotes a single value, got " + (v == null ? "nothing" : "a list or mapping"));
            }
            return quote.apply(String.valueOf(v));
        };
    }
}
