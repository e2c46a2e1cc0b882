package io.pgha.core;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Shell text helpers for commands run by /bin/sh on a host: the modules', the operations' and the templates' sh(). */
public final class Shell {
    /** Characters a shell word may hold without quotes (no globbing, expansion or splitting). */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private Shell() {}

    /**
     * One shell word whose value is exactly {@code s}: as it is when it needs no quotes (so rendered
     * scripts stay readable), else single-quoted.
     */
    public static String word(String s) {
        if (s == null) throw new IllegalArgumentException("cannot quote null");
        return PLAIN_WORD.matcher(s).matches() ? s : quote(s);
    }

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
