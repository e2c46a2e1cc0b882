package io.pgha.ops.render;

import io.pgha.core.InputException;
import io.pgha.core.Secrets;
import io.pgha.core.SourceLocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Secrets by reference: for a secret variable X (Secrets.isSecretName), the inventory gives
 * {@code X_file: path} (a file holding the value; relative to the inventory directory; not readable
 * by group or others) or {@code X_env: NAME} (an environment variable), never the value itself.
 * Resolving sets X, unless X is already set (an inventory loader that resolves them first wins).
 */
public final class SecretReferences {
    private final Path baseDir;
    private final Function<String, String> env;

    /** @param baseDir the inventory directory (relative *_file paths start there) */
    public SecretReferences(Path baseDir) { this(baseDir, System::getenv); }

    SecretReferences(Path baseDir, Function<String, String> env) {
        this.baseDir = baseDir;
        this.env = env;
    }

    /**
     * A copy of {@code vars} with every secret reference resolved. {@code origins} names where each
     * variable was set, for errors. Values are registered with {@code secrets} for masking.
     */
    public Map<String, Object> resolve(Map<String, Object> vars, Map<String, SourceLocation> origins, Secrets secrets) {
        Map<String, Object> out = new LinkedHashMap<>(vars);
        for (Map.Entry<String, Object> e : vars.entrySet()) {
            String key = e.getKey();
            String base = baseName(key);
            // ansible_* references (ansible_password_file, ansible_ssh_private_key_file) belong to the transport.
            if (base == null || key.startsWith("ansible_") || !Secrets.isSecretName(base) || vars.containsKey(base) || e.getValue() == null) continue;
            SourceLocation where = origins.get(key);
            String value = key.endsWith("_file") ? readFile(String.valueOf(e.getValue()), key, where)
                    : readEnv(String.valueOf(e.getValue()), key, where);
            if (secrets != null) secrets.register(value);
            out.put(base, value);
        }
        return out;
    }

    /** The secret a reference names (pg_replication_password for pg_replication_password_file), or null. */
    public static String baseName(String key) {
        if (key.endsWith("_file")) return key.substring(0, key.length() - "_file".length());
        if (key.endsWith("_env")) return key.substring(0, key.length() - "_env".length());
        return null;
    }

    private String readFile(String pathText, String key, SourceLocation where) {
        Path p = pathText.startsWith("~/") ? Path.of(System.getProperty("user.home"), pathText.substring(2)) : Path.of(pathText);
        if (!p.isAbsolute() && baseDir != null) p = baseDir.resolve(p);
        p = p.normalize();
        if (!Files.isRegularFile(p)) {
            throw new InputException(where, key, "secret file " + p + " does not exist (create it with mode 0600)");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (perms.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
                throw new InputException(where, key, "secret file " + p + " is readable by others (mode "
                        + java.nio.file.attribute.PosixFilePermissions.toString(perms) + "): chmod 600 it");
            }
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: nothing to check
        }
        try {
            String v = Files.readString(p);
            v = v.endsWith("\r\n") ? v.substring(0, v.length() - 2) : v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
            if (v.isEmpty()) throw new InputException(where, key, "secret file " + p + " is empty");
            return v;
        } catch (IOException ex) {
            throw new InputException(where, key, "cannot read secret file " + p + ": " + ex.getMessage());
        }
    }

    private String readEnv(String name, String key, SourceLocation where) {
        String v = env.apply(name);
        if (v == null || v.isEmpty()) {
            throw new InputException(where, key, "environment variable " + name + " is not set");
        }
        return v;
    }
}
