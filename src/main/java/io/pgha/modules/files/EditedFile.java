package io.pgha.modules.files;

import io.pgha.core.Shell;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.RemoteFiles;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * The read-edit-write flow of lineinfile and blockinfile: stat and content in one exec, the edit in
 * Java, then ManagedFile writes only when the text changed (and fixes owner/group/mode either way).
 */
final class EditedFile {
    private EditedFile() {}

    static ModuleResult apply(ModuleContext ctx, Args args, RemoteFiles files, UnaryOperator<String> edit) throws Exception {
        String path = args.required("path", "dest", "name");
        RemoteFiles.Attrs attrs = args.attrs();
        boolean create = args.bool("create", false);
        RemoteFiles.Stat st = files.statWithContent(path);
        if (st.isLink()) {
            // Edit the file the link points to (as Ansible does), never replace the link by a copy.
            var r = files.run("readlink -f -- " + Shell.quote(path));
            if (!r.ok() || r.stdout().isBlank()) throw new RemoteFiles.Failure("cannot resolve the symlink " + path + ": " + RemoteFiles.reason(r));
            path = r.stdout().strip();
            st = files.statWithContent(path);
        }
        String before;
        if (!st.exists()) {
            before = "";
        } else if (!st.isFile()) {
            throw new RemoteFiles.Failure(path + " is a " + st.type() + ", not a regular file");
        } else if (!st.hasContent()) {
            throw new RemoteFiles.Failure(path + " is larger than " + RemoteFiles.MAX_INLINE + " bytes; too big to edit line by line");
        } else {
            before = new String(st.content(), StandardCharsets.UTF_8);
        }
        String after = edit.apply(before);
        if (!st.exists()) {
            if (after.equals(before)) return ModuleResult.ok(path + " does not exist; nothing to do").withData("path", path);
            if (!create) {
                // In check mode an earlier task would have created it: report the edit it would make.
                if (ctx.checkMode()) return ModuleResult.changed("would edit " + path + " (not created yet)").withData("path", path);
                throw new RemoteFiles.Failure(path + " does not exist (create: yes makes it)");
            }
        }
        byte[] desired = st.exists() && after.equals(before) ? null : after.getBytes(StandardCharsets.UTF_8);
        return ManagedFile.ensure(ctx, files, st, desired, attrs, args.bool("backup", false));
    }
}
