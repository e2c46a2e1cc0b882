package io.pgha.modules.system;

import io.pgha.modules.ArgSpec;
import io.pgha.modules.ArgSpec.Type;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;

import java.util.Map;

/** fail: stops the host with msg (use with when). */
public final class FailModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder().freeForm("msg").optional("msg", Type.ANY);

    @Override public String name() { return "fail"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    public ModuleResult run(ModuleContext ctx, Map<String, Object> args) {
        Object msg = args.get("msg");
        return ModuleResult.failed(msg == null ? "Failed as requested from task" : Values.show(msg));
    }
}
