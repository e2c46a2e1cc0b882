package io.pgha.modules.support;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions as Ansible's playbooks write them (Python's re): the named groups Python spells
 * (?P<name>...) and (?P=name) are Java's (?<name>...) and \k<name>; the rest of the syntax the two share.
 * Java's group names are letters and digits only, which the error says.
 */
public final class PythonRegex {
    private PythonRegex() {}

    /** Java's spelling of a Python pattern. */
    static String toJava(String re) {
        return re.replace("(?P<", "(?<").replaceAll("\\(\\?P=([A-Za-z][A-Za-z0-9]*)\\)", "\\\\k<$1>");
    }

    /** @param arg the argument the pattern came from, for the message */
    public static Pattern compile(String arg, String re) {
        try {
            return Pattern.compile(toJava(re));
        } catch (PatternSyntaxException ex) {
            String names = re.matches("(?s).*\\(\\?P?<[A-Za-z][A-Za-z0-9]*[^A-Za-z0-9>].*") ? " (a group's name may hold letters and digits only)" : "";
            throw new IllegalArgumentException(arg + " is not a valid regular expression: " + ex.getDescription() + names + " in '" + re + "'");
        }
    }
}
