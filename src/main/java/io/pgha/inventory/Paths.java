package io.pgha.inventory;

import java.nio.file.Path;

/** Inventory paths: ~ is the user's home; relative paths are relative to the inventory file's directory. */
final class Paths {
    private Paths() {}

    static Path resolve(Path baseDir, String path) {
        String p = path.trim();
        if (p.equals("~")) return Path.of(System.getProperty("user.home"));
        if (p.startsWith("~/")) return Path.of(System.getProperty("user.home")).resolve(p.substring(2));
        Path raw = Path.of(p);
        return raw.isAbsolute() ? raw : baseDir.resolve(raw).normalize();
    }
}
