package io.pgha.template;

import java.util.regex.Pattern;

/**
 * Quoting for the configuration languages values land in besides the shell (Shell.word):
 * libpq connection strings and systemd unit settings. Plain values come back as they are, so
 * ordinary files read as before; the rest is quoted so the reader gets exactly the value.
 */
public final class ConfQuoting {
    private static final Pattern PLAIN_CONNINFO = Pattern.compile("[^\\s'\\\\]+");
    private static final Pattern PLAIN_UNIT = Pattern.compile("[A-Za-z0-9_./:=@+,-]+");

    private ConfQuoting() {}

    /** A libpq keyword value: single-quoted, with \ and ' backslash-escaped, when it is empty or holds space, ' or \. */
    public static String conninfo(String value) {
        if (PLAIN_CONNINFO.matcher(value).matches()) return value;
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * One word of a systemd unit setting (ExecStart= argument, Environment= assignment): % doubled
     * (specifiers), and double-quoted with \ and " escaped when it holds anything but plain characters.
     */
    public static String unit(String value) {
        if (PLAIN_UNIT.matcher(value).matches()) return value;
        String escaped = value.replace("%", "%%");
        if (PLAIN_UNIT.matcher(value.replace("%", "")).matches()) return escaped;
        return "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
