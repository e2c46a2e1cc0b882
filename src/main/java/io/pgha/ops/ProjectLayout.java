package io.pgha.ops;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where pgha's own playbooks/ and templates/ live: $PGHA_HOME, else the folder holding the jar's
 * target/ (a checkout run through ./pgha), else the working directory. Operations run the
 * playbooks shipped with pgha whatever folder the user runs it from.
 */
public record ProjectLayout(Path home) {
    public static ProjectLayout discover() {
        String env = System.getenv("PGHA_HOME");
        if (env != null && !env.isBlank()) return new ProjectLayout(Path.of(env).toAbsolutePath());
        Path cwd = Path.of("").toAbsolutePath();
        if (isHome(cwd)) return new ProjectLayout(cwd);
        try {
            Path jar = Path.of(ProjectLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) if (isHome(p)) return new ProjectLayout(p);
        } catch (URISyntaxException | SecurityException | NullPointerException ignored) {
            // no code source: fall back to the working directory
        }
        return new ProjectLayout(cwd);
    }

    private static boolean isHome(Path dir) {
        return Files.isDirectory(dir.resolve("playbooks")) && Files.isDirectory(dir.resolve("templates"));
    }

    public Path playbooks() { return home.resolve("playbooks"); }
    public Path templates() { return home.resolve("templates"); }
    public Path playbook(String name) { return playbooks().resolve(name); }
    public Path defaults() { return playbooks().resolve("vars/defaults.yml"); }
}
