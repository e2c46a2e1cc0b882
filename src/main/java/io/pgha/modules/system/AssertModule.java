package io.pgha.modules.system;

import io.pgha.modules.ArgSpec;
import io.pgha.modules.ArgSpec.Type;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * assert: every expression in 'that' must be true. Fails on the first false one, naming it (or with
 * fail_msg); an expression that is not a boolean fails too, saying what it was.
 */
public final class AssertModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .expression("that", true)
            .optional("fail_msg", Type.ANY)
            .alias("msg", "fail_msg")
            .optional("success_msg", Type.ANY)
            .optional("quiet", Type.BOOL, false);

    @Override public String name() { return "assert"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    public ModuleResult run(ModuleContext ctx, Map<String, Object> args) throws Exception {
        List<String> that = expressions(args.get("that"));
        if (that.isEmpty()) throw new TaskFailure("assert: 'that' needs at least one expression");
        Object failMsg = args.get("fail_msg") != null ? args.get("fail_msg") : args.get("msg");
        for (String raw : that) {
            String expr = Values.bareExpression(raw);
            Object v = ctx.eval(expr);
            Boolean b = v instanceof Boolean x ? x
                    : "true".equals(v) ? Boolean.TRUE : "false".equals(v) ? Boolean.FALSE : null;
            if (b == null) {
                return ModuleResult.failed("assertion '" + expr + "' must be true or false, but it is "
                        + (v == null ? "empty" : "'" + Values.show(v) + "'")).withData("assertion", expr);
            }
            if (!b) {
                String msg = failMsg != null ? Values.show(failMsg) : "assertion failed: " + expr;
                return ModuleResult.failed(msg).withData("assertion", expr).withData("evaluated_to", false);
            }
        }
        Object ok = args.get("success_msg");
        return ModuleResult.ok(ok != null ? Values.show(ok) : "All assertions passed");
    }

    private static List<String> expressions(Object that) {
        List<String> out = new ArrayList<>();
        if (that instanceof List<?> l) {
            for (Object o : l) if (o != null && !String.valueOf(o).isBlank()) out.add(String.valueOf(o));
        } else if (that instanceof Boolean b) {
            out.add(b.toString());    // YAML 'that: true'
        } else if (that != null && !String.valueOf(that).isBlank()) {
            out.add(String.valueOf(that));
        }
        return out;
    }
}
