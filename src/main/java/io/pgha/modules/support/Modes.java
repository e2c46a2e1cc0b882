package io.pgha.modules.support;

import java.util.regex.Pattern;

/**
 * File modes as users write them in playbooks. Quoted YAML ("0644", "644", "0o644") arrives as text;
 * pgha's YAML loader keeps unquoted 0644 as the text "0644" too (it does not apply YAML 1.1 octal),
 * and an unquoted 644 arrives as the number 644 whose digits the user meant as octal.
 */
public final class Modes {
    private static final Pattern OCTAL = Pattern.compile("(?:0o|0)?([0-7]{3,4})");
    private static final String HINT = "mode must be octal like '0644'";

    private Modes() {}

    /** The mode as an int (0644 -> 420), or null when none was given. */
    public static Integer parse(Object value) {
        if (value == null) return null;
        String s = value.toString().trim();
        var m = OCTAL.matcher(s);
        if (!m.matches()) throw new IllegalArgumentException(HINT + ", got '" + value + "'");
        return Integer.parseInt(m.group(1), 8);
    }

    /** "0644" for 420. */
    public static String format(int mode) {
        return String.format("%04o", mode);
    }
}
