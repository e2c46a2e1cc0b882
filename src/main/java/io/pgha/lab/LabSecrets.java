package io.pgha.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lab cluster's passwords (.lab/secrets/NAME, 0600), which inventories/lab refers to by
 * NAME_file. Random, made once and kept: a re-run of bootstrap must find the same passwords.
 * keepalived's auth_pass is 8 characters (VRRP PASS authentication uses at most 8).
 */
public final class LabSecrets {
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    static final Map<String, Integer> SECRETS = new LinkedHashMap<>();
    static {
        SECRETS.put("pg_replication_password", 24);
        SECRETS.put("pg_monitor_password", 24);
        SECRETS.put("pg_superuser_password", 24);
        SECRETS.put("ka_auth_pass", 8);
        SECRETS.put("pg_witness_password", 24);
        SECRETS.put("pg_fence_password", 16);   // the lab's power controllers (pgha lab up)
    }

    private LabSecrets() {}

    /** One secret's value (the file's first line). */
    static String read(Path dir, String name) {
        try {
            return Files.readAllLines(dir.resolve(name)).get(0).strip();
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new LabException("cannot read the lab secret " + dir.resolve(name) + ": " + e.getMessage());
        }
    }

    /** Creates the missing secret files; returns how many were created. */
    public static int ensure(Path dir) {
        SecureRandom random = new SecureRandom();
        int created = 0;
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            for (Map.Entry<String, Integer> e : SECRETS.entrySet()) {
                Path file = dir.resolve(e.getKey());
                if (Files.exists(file)) continue;
                StringBuilder value = new StringBuilder();
                for (int i = 0; i < e.getValue(); i++) value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, value + "\n");
                created++;
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab's secrets in " + dir + ": " + e.getMessage(), e);
        }
    }
}
