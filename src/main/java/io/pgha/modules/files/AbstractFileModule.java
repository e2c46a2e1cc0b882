package io.pgha.modules.files;

import io.pgha.modules.Module;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.RemoteFiles;

import java.util.Map;

/** Base of the file modules: bad arguments and file problems become a failed result naming the module. */
abstract class AbstractFileModule implements Module {

    @Override
    public final ModuleResult run(ModuleContext ctx, Map<String, Object> args) throws Exception {
        try {
            return apply(ctx, new Args(args), new RemoteFiles(ctx));
        } catch (IllegalArgumentException | RemoteFiles.Failure e) {
            return ModuleResult.failed(name() + ": " + e.getMessage());
        }
    }

    abstract ModuleResult apply(ModuleContext ctx, Args args, RemoteFiles files) throws Exception;
}
