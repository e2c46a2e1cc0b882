package io.pgha.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a playbook's relative file or template name is looked for on the controller, in one place:
 * the playbook's folder, its templates/ and files/, then the project's templates/ beside it
 * (playbooks/../templates). What none of them holds is left to the templates built into the jar.
 */
public final class LocalFiles {
    private LocalFiles() {}

    /** The folders, in the order they are tried. */
    public static List<Path> searchPath(Path playbookDir) {
        return List.of(playbookDir, playbookDir.resolve("templates"), playbookDir.resolve("files"),
                playbookDir.resolve("../templates").normalize());
    }

    /** The first existing file of that name, or the name under the playbook's folder when none exists. */
    public static Path find(Path playbookDir, String name) {
        Path p = Path.of(name.startsWith("~/") ? System.getProperty("user.home") + name.substring(1) : name);
        if (p.isAbsolute()) return p;
        for (Path dir : searchPath(playbookDir)) {
            Path candidate = dir.resolve(p);
            if (Files.exists(candidate)) return candidate;
        }
        return playbookDir.resolve(p);
    }
}
