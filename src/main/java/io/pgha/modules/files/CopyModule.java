package io.pgha.modules.files;

import io.pgha.modules.ArgSpec;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.RemoteFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * copy: a controller file (src, found like every local path: playbook folder, then files/) or inline
 * content to dest on the host. Uploads only when the sha256 differs; owner/group/mode are fixed in
 * place otherwise. A dest that is a directory (or ends in /) receives the file under src's name.
 */
public final class CopyModule extends AbstractFileModule {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .optional("src", ArgSpec.Type.STRING)
            .optional("content", ArgSpec.Type.STRING)
            .oneOf("src", "content")
            .required("dest", ArgSpec.Type.STRING)
            .alias("path", "dest")
            .fileAttributes()
            .optional("backup", ArgSpec.Type.BOOL, false)
            .optional("force", ArgSpec.Type.BOOL, true)
            .optional("validate", ArgSpec.Type.STRING);

    @Override public String name() { return "copy"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    ModuleResult apply(ModuleContext ctx, Args args, RemoteFiles files) throws Exception {
        String src = args.str("src");
        String content = args.str("content");
        if ((src == null) == (content == null)) throw new IllegalArgumentException("give exactly one of src or content");
        byte[] desired;
        String name = null;
        if (content != null) {
            desired = content.getBytes(StandardCharsets.UTF_8);
        } else {
            desired = ControllerFile.read(ctx, src);
            name = Path.of(src).getFileName().toString();
        }
        return FilePlacement.place(ctx, args, files, desired, name);
    }
}
