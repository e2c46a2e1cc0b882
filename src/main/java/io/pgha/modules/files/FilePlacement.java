package io.pgha.modules.files;

import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.RemoteFiles;

/**
 * Where copy and template put their content: dest, or dest/name when dest is a directory (or ends in
 * /); force: no leaves an existing file's content alone; validate checks the new content first.
 */
final class FilePlacement {
    private FilePlacement() {}

    /** Resolves dest (a directory takes the file under {@code name}), then ensures it (ManagedFile). */
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
    private static String validate(Args args) {
        String v = args.str("validate");
        if (v == null || v.isBlank()) return null;
        if (!v.contains("%s")) throw new IllegalArgumentException("validate must contain %s (the new file): " + v);
        return v;
    }

    private static RemoteFiles.Stat stat(ModuleContext ctx, RemoteFiles files, String path) throws Exception {
        return ctx.diffMode() ? files.statWithContent(path) : files.stat(path);
    }
}
