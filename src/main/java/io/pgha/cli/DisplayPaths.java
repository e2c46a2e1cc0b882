package io.pgha.cli;

import java.nio.file.Path;

/** Paths as a person reads them: relative to the working directory when under it. */
final class DisplayPaths {
    private DisplayPaths() {}

    static String of(Path file) {
        return of(file.toString());
    }

    /** Also for a "file:line:column" location, whose file part may be under the working directory. */
    static String of(String location) {
        String cwd = Path.of("").toAbsolutePath() + "/";
        return location.startsWith(cwd) ? location.substring(cwd.length()) : location;
    }
}
