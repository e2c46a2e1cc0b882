package io.pgha.modules.files;

import io.pgha.modules.ArgSpec;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleResult;
import io.pgha.modules.support.RemoteFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * fetch: copies a file from the host to the controller (a build made on one node, shipped to the
 * others with copy or unarchive). Changed when the local copy is missing or its sha256 differs.
 * Without flat, the file lands in dest/HOST/full/remote/path (Ansible's layout) so hosts never
 * overwrite each other; with flat, dest is the file itself (or a folder when it ends with /).
 * The bytes travel over SFTP (RemoteFiles.read), never through a logged command output.
 */
public final class FetchModule extends AbstractFileModule {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .required("src", ArgSpec.Type.STRING)
            .required("dest", ArgSpec.Type.STRING)
            .optional("flat", ArgSpec.Type.BOOL, false)
            .optional("fail_on_missing", ArgSpec.Type.BOOL, true);

    @Override public String name() { return "fetch"; }
    @Override public ArgSpec spec() { return SPEC; }

    @Override
    ModuleResult apply(ModuleContext ctx, Args args, RemoteFiles files) throws Exception {
        String src = args.required("src");
        String destArg = args.required("dest");
        Path dest = localDest(ctx, src, destArg, args.bool("flat", false));
        RemoteFiles.Stat st = files.stat(src);
        if (!st.exists()) {
            if (ctx.checkMode()) return ModuleResult.skipped(src + " is not on " + ctx.hostName() + " yet (check mode: an earlier task would make it)");
            if (args.bool("fail_on_missing", true)) throw new RemoteFiles.Failure(src + " does not exist on " + ctx.hostName());
            return ModuleResult.ok(src + " does not exist on " + ctx.hostName() + "; nothing fetched").withData("dest", dest.toString());
        }
        if (!st.isFile()) throw new RemoteFiles.Failure(src + " is a " + st.type() + "; fetch takes one file (tar it first)");
        String local = Files.isRegularFile(dest) ? sha256(dest) : null;
        ModuleResult result;
        if (st.sha256().equals(local)) {
            result = ModuleResult.ok(dest + " is up to date");
        } else if (ctx.checkMode()) {
            result = ModuleResult.changed("would fetch " + src + " to " + dest);
        } else {
            byte[] bytes = files.read(src);
            String got = ManagedFile.sha256(bytes);
            if (!got.equals(st.sha256())) {
                throw new RemoteFiles.Failure(src + " changed while it was fetched (sha256 " + got + ", expected " + st.sha256() + "); try again");
            }
            writeAtomically(dest, bytes);
            result = ModuleResult.changed("fetched " + src + " to " + dest + " (" + bytes.length + " bytes)");
        }
        return result.withData("dest", dest.toString()).withData("checksum", st.sha256()).withData("remote_checksum", st.sha256());
    }

    static Path localDest(ModuleContext ctx, String src, String dest, boolean flat) {
        String name = src.substring(src.lastIndexOf('/') + 1);
        if (name.isEmpty()) throw new IllegalArgumentException("src must name a file, got '" + src + "'");
        if (flat) return ctx.resolveLocal(dest.endsWith("/") ? dest + name : dest).toAbsolutePath().normalize();
        String rel = src.startsWith("/") ? src.substring(1) : src;
        return ctx.resolveLocal(dest).resolve(ctx.hostName()).resolve(rel).toAbsolutePath().normalize();
    }

    static String sha256(Path p) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), digest())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Temp file in the same folder, then rename: a reader never sees half a build. */
    static void writeAtomically(Path dest, byte[] bytes) throws IOException {
        Path dir = dest.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + dest.getFileName(), ".pgha");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
