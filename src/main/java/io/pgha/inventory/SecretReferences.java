package io.pgha.inventory;

import io.pgha.core.InputException;
import io.pgha.core.Secrets;
import io.pgha.core.SourceLocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Function;

/**
 * Passwords are given by reference: {@code NAME_env} names an environment variable and
 * {@code NAME_file} a file holding the value (trailing newlines dropped). Either defines the variable
 * NAME for templates (ansible_password_env -> ansible_password, pg_replication_password_file ->
 * pg_replication_password). Applies to names that look secret (Secrets.isSecretName), except key
 * files, which are paths handed to SSH as they are.
 */
final class SecretReferences {
    private final Function<String, String> env;
    private final Path baseDir;
    private final Secrets secrets;

    SecretReferences(Function<String, String> env, Path baseDir, Secrets secrets) {
        this.env = env;
        this.baseDir = baseDir;
        this.secrets = secrets;
    }

    /** True for NAME_env / NAME_file where NAME holds a secret. */
    static boolean isReference(String var) {
        String base = base(var);
        return base != null && Secrets.isSecretName(base) && !base.contains("private_key");
    }

    /** NAME for NAME_env / NAME_file, else null. */
    static String base(String var) {
        if (var.endsWith("_env")) return var.substring(0, var.length() - 4);
        if (var.endsWith("_file")) return var.substring(0, var.length() - 5);
        return null;
    }

    /** The secret a reference points to; registered with Secrets so it is masked everywhere. */
    String resolve(String var, InventoryVar ref) {
        String target = String.valueOf(ref.value()).trim();
        String value = var.endsWith("_env") ? fromEnv(var, target, ref.origin()) : fromFile(var, target, ref.origin());
        check(var, value, ref.origin());
        secrets.register(value);
        return value;
    }

    /**
     * A newline would split a .pgpass line (its tail on a line of its own, unmasked in diffs); a secret
     * shorter than Secrets.MIN_LENGTH could not be masked without garbling all output. Never shown.
     */
    private static void check(String var, String value, SourceLocation at) {
        for (char c : value.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                throw new InputException(at, var, "the secret holds " + (c == '\n' || c == '\r' ? "a line break" : "a control character")
                        + ", which .pgpass and keepalived.conf cannot hold: use printable characters only (the value is not shown)");
            }
        }
        if (value.length() < Secrets.MIN_LENGTH) {
            throw new InputException(at, var, "the secret is " + value.length() + " character(s) long; use at least " + Secrets.MIN_LENGTH
                    + " (a shorter one could not be masked in output without hiding ordinary text)");
        }
    }

    private String fromEnv(String var, String name, SourceLocation at) {
        String v = env.apply(name);
        if (v == null || v.isEmpty()) {
            throw new InputException(at, var, "environment variable " + name + " is not set (export it before running pgha)");
        }
        return v;
    }

    private String fromFile(String var, String file, SourceLocation at) {
        Path p = Paths.resolve(baseDir, file);
        checkPrivate(var, p, at);
        String v;
        try {
            v = Files.readString(p);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(at, var, "file " + p + " does not exist");
        } catch (IOException e) {
            throw new InputException(at, var, "cannot read " + p + ": " + e.getMessage());
        }
        v = v.replaceAll("[\\r\\n]+$", "");
        if (v.isEmpty()) throw new InputException(at, var, "file " + p + " is empty");
        return v;
    }

    /** A secret file others can read is refused, as ssh refuses such a key: the secret is already out. */
    private static void checkPrivate(String var, Path p, SourceLocation at) {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(p);
        } catch (UnsupportedOperationException | IOException e) {
            return;   // not a POSIX file system, or missing (reported when read)
        }
        if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
            throw new InputException(at, var, "file " + p + " can be read by other users (" + PosixFilePermissions.toString(perms)
                    + "): chmod 600 " + p);
        }
    }
}
