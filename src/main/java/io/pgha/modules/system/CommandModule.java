package io.pgha.modules.system;

import io.pgha.core.Shell;
import io.pgha.modules.ArgSpec.Type;
import io.pgha.modules.ArgSpec;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;

import java.util.List;
import java.util.Map;

/**
 * command: runs a program without a shell (its words are quoted one by one, so | ; > $X are plain
 * text). Always 'changed' when it runs, since pgha cannot know what a program did; narrow it with
 * changed_when, or mark probes read_only (they then also run in check mode and report ok).
 */
public final class CommandModule implements Module {
    private static final ArgSpec SPEC = CommandRun.runOptions(ArgSpec.builder()
            .freeForm("cmd")
            .optional("cmd", Type.STRING)
            .optional("argv", Type.LIST)
            .oneOf("cmd", "argv"));

    @Override public String name() { return "command"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    public ModuleResult run(ModuleContext ctx, Map<String, Object> args) throws Exception {
        List<String> argv = words(args);
        if (argv.isEmpty()) throw new TaskFailure("nothing to run (give cmd or argv)");
        Object cmd = args.get("argv") != null ? argv : Args.str(args, "cmd");
        return CommandRun.run(ctx, args, "exec " + Shell.join(argv), cmd);
    }

    static List<String> words(Map<String, Object> args) throws TaskFailure {
        if (args.get("argv") != null) return argvList(args.get("argv"));
        Object cmd = args.get("cmd");
        if (cmd instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return cmd == null ? List.of() : ShellWords.split(String.valueOf(cmd));
    }

    /** argv items kept exactly (no comma splitting, spaces kept). */
    private static List<String> argvList(Object v) throws TaskFailure {
        if (!(v instanceof List<?> l)) throw new TaskFailure("argument 'argv' must be a list of words");
        return l.stream().map(String::valueOf).toList();
    }
}
