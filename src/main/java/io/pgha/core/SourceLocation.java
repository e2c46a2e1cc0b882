package io.pgha.core;

/** Where something came from in a user's file, for messages: "inventories/lab/hosts.yml:12:5". */
public record SourceLocation(String file, int line, int column) {
    public static SourceLocation of(String file) { return new SourceLocation(file, 0, 0); }

    @Override
    public String toString() {
        if (line <= 0) return file;
        return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
    }
}
