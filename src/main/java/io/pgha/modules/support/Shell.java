package io.pgha.modules.support;

import java.util.List;
import java.util.stream.Collectors;

/** Shell text helpers for commands run by /bin/sh on a host. */
public final class Shell {
    private Shell() {}

    /**
     * POSIX single-quote quoting: the result is one shell word whose value is exactly {@code s},
     * whatever it holds (spaces, $, `, ", newlines). A single quote is written as '"'"'.
     */
    public static String quote(String s) {
        if (s == null) throw new IllegalArgumentException("cannot quote null");
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    /** Quotes each word and joins them with spaces (an argv as shell text). */
    public static String join(List<String> words) {
        return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
