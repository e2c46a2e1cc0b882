package io.pgha.modules.system;

import io.pgha.modules.ArgSpec;
import io.pgha.modules.ArgSpec.Type;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;

import java.util.Map;

/** debug: prints msg (rendered by the engine) or the value of the expression in var. Always ok. */
public final class DebugModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .freeForm("msg")
            .optional("msg", Type.ANY)
            .expression("var", false)
            .optional("verbosity", Type.INT);

    @Override public String name() { return "debug"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    public ModuleResult run(ModuleContext ctx, Map<String, Object> args) throws Exception {
        Object var = args.get("var");
        if (var != null) {
            String expr = Values.bareExpression(String.valueOf(var));
            Object value = ctx.eval(expr);
            return ModuleResult.ok(expr + ": " + Values.show(value)).withData(expr, value);
        }
        Object msg = args.containsKey("msg") ? args.get("msg") : "Hello world!";
        String text = msg == null ? "" : Values.show(msg);
        return ModuleResult.ok(text).withData("msg", msg);
    }
}
