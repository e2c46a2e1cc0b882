package io.pgha.modules.system;

import io.pgha.core.Shell;
import io.pgha.modules.ArgSpec.Type;
import io.pgha.modules.ArgSpec;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;

import java.util.Map;

/** shell: runs text through sh -c (or the given executable), so pipes, redirections and $VARS work. */
public final class ShellModule implements Module {
    private static final ArgSpec SPEC = CommandRun.runOptions(ArgSpec.builder()
            .freeForm("cmd")
            .required("cmd", Type.STRING)
            .optional("executable", Type.STRING));

    @Override public String name() { return "shell"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    public ModuleResult run(ModuleContext ctx, Map<String, Object> args) throws Exception {
        String cmd = Args.required(args, "cmd");
        String shell = Args.str(args, "executable", "/bin/sh");
        return CommandRun.run(ctx, args, "exec " + Shell.quote(shell) + " -c " + Shell.quote(cmd), cmd);
    }
}
