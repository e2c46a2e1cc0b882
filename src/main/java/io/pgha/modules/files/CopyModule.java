package io.pgha.modules.files;

import io.pgha.modules.ArgSpec;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.RemoteFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
            desired = readLocal(ctx, src);
            name = Path.of(src).getFileName().toString();
        }
        return place(ctx, args, files, desired, name);
    }

    static byte[] readLocal(ModuleContext ctx, String src) throws RemoteFiles.Failure {
        Path local = ctx.resolveLocal(src);
        if (Files.isDirectory(local)) {
            throw new RemoteFiles.Failure("src " + local + " is a directory; copy takes one file (use unarchive for trees)");
        }
        try {
            return Files.readAllBytes(local);
        } catch (IOException e) {
            throw new RemoteFiles.Failure("cannot read src " + local + " on the controller: " + e.getMessage());
        }
    }

    /** Shared with template: resolve dest (a directory takes the file under `name`), then ensure it. */
    static ModuleResult place(ModuleContext ctx, Args args, RemoteFiles files, byte[] desired, String name) throws Exception {
        String dest = args.required("dest", "path");
        RemoteFiles.Attrs attrs = args.attrs();
        boolean intoDir = dest.endsWith("/");
        RemoteFiles.Stat st = stat(ctx, files, dest);
        if (intoDir || st.isDirectory()) {
            if (name == null) throw new IllegalArgumentException("dest " + dest + " is a directory; with content, dest must name the file");
            dest = (dest.endsWith("/") ? dest : dest + "/") + name;
            st = stat(ctx, files, dest);
        }
        boolean force = args.bool("force", true);
        if (!force && st.exists()) {
            // only a missing file is written; an existing one keeps its content
            if (!st.isFile()) return ModuleResult.ok(dest + " exists (force: no)").withData("dest", dest);
            desired = null;
        }
        return ManagedFile.ensure(ctx, files, st, desired, attrs, args.bool("backup", false), validate(args)).withData("dest", dest);
    }

    /** validate (copy, template): a command with %s for the new file; empty or absent: none. */
    static String validate(Args args) {
        String v = args.str("validate");
        if (v == null || v.isBlank()) return null;
        if (!v.contains("%s")) throw new IllegalArgumentException("validate must contain %s (the new file): " + v);
        return v;
    }

    private static RemoteFiles.Stat stat(ModuleContext ctx, RemoteFiles files, String path) throws Exception {
        return ctx.diffMode() ? files.statWithContent(path) : files.stat(path);
    }
}
