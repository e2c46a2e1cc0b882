package io.pgha.core;

import java.util.regex.Pattern;

/**
 * What a host name may be: DNS labels (letters, digits, -, and _ as Ansible inventories use it)
 * joined by single dots. A positive pattern, so nothing a shell, a comment or a path could read
 * specially (`..`, `/`, `;`, a newline) gets through.
 */
public final class HostNames {
    private static final String LABEL = "[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?";
    /** One host name, as a regular expression. */
    public static final String PATTERN = LABEL + "(?:\\." + LABEL + ")*";
    private static final Pattern HOST = Pattern.compile(PATTERN);

    private HostNames() {}

    public static boolean isValid(String name) {
        return name != null && name.length() <= 253 && HOST.matcher(name).matches();
    }
}
