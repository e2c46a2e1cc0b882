package io.pgha.modules.files;

import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.Modes;
import io.pgha.modules.support.RemoteFiles;
import io.pgha.transport.TransportException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Brings one remote file to a wanted content, owner, group and mode, deciding by comparison: the
 * content is written only when its sha256 differs, attributes are fixed in place otherwise. Shared by
 * copy, template, lineinfile and blockinfile. Check mode reports and writes nothing.
 */
final class ManagedFile {
    private ManagedFile() {}

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param st      a fresh stat of the path (with content when diff mode wants the old text)
     * @param desired the content wanted, or null to leave an existing file's content alone
     */
    static ModuleResult ensure(ModuleContext ctx, RemoteFiles files, RemoteFiles.Stat st, byte[] desired,
                               RemoteFiles.Attrs attrs, boolean backup) throws TransportException, RemoteFiles.Failure {
        return ensure(ctx, files, st, desired, attrs, backup, null);
    }

    /** @param validate a command with %s run on new content before it replaces the file (null: none) */
    static ModuleResult ensure(ModuleContext ctx, RemoteFiles files, RemoteFiles.Stat st, byte[] desired,
                               RemoteFiles.Attrs attrs, boolean backup, String validate) throws TransportException, RemoteFiles.Failure {
        String path = st.path();
        if (st.isDirectory()) throw new RemoteFiles.Failure(path + " is a directory");
        if (st.exists() && !st.isFile() && !st.isLink()) throw new RemoteFiles.Failure(path + " exists and is not a regular file");
        if (desired == null && !st.isFile()) throw new RemoteFiles.Failure(path + " does not exist");
        String sha = desired == null ? st.sha256() : sha256(desired);
        boolean write = desired != null && (!st.isFile() || !sha.equals(st.sha256()));
        List<String> attrDiff = st.isFile() ? attrs.differences(st) : List.of();
        ModuleResult result;
        if (!write && attrDiff.isEmpty()) {
            result = ModuleResult.ok(path + " is up to date");
        } else {
            String what = write ? (st.isFile() ? "update " : "create ") + path
                    : "set " + String.join(", ", attrDiff) + " of " + path;
            String backupFile = null;
            if (!ctx.checkMode()) {
                if (write) backupFile = files.write(path, desired, attrs, backup, validate);
                else files.setAttrs(path, attrs, false, false);
            }
            result = ModuleResult.changed(ctx.checkMode() ? "would " + what : past(what));
            if (backupFile != null) result = result.withData("backup_file", backupFile);
            if (ctx.diffMode()) {
                if (write) result = result.withDiff(DiffTexts.content(path, before(st), desired));
                if (!attrDiff.isEmpty()) result = result.withDiff(DiffTexts.state(path + " (attributes)",
                        attrText(attrDiff, st.owner(), st.group(), Modes.format(st.mode())),
                        attrText(attrDiff, attrs.owner(), attrs.group(), attrs.mode() == null ? null : Modes.format(attrs.mode()))));
            }
        }
        return result.withData("path", path).withData("checksum", sha).withData("size", desired == null ? st.size() : desired.length);
    }

    /** The old content for a diff; a note when it exists but was not read. */
    private static byte[] before(RemoteFiles.Stat st) {
        if (!st.exists()) return null;
        if (st.isLink()) return ("(symlink to " + st.linkTarget() + ")\n").getBytes();
        if (st.hasContent()) return st.content();
        return ("(" + st.size() + " bytes, not shown, sha256 " + st.sha256() + ")\n").getBytes();
    }

    private static String attrText(List<String> which, String owner, String group, String mode) {
        StringBuilder sb = new StringBuilder();
        if (which.contains("owner")) sb.append("owner: ").append(owner).append('\n');
        if (which.contains("group")) sb.append("group: ").append(group).append('\n');
        if (which.contains("mode")) sb.append("mode: ").append(mode).append('\n');
        return sb.toString();
    }

    private static String past(String what) {
        if (what.startsWith("create ")) return "created " + what.substring(7);
        if (what.startsWith("update ")) return "updated " + what.substring(7);
        return what; // "set mode of x"
    }
}
