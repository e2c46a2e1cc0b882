package io.pgha.modules.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a progress line shows of a command's latest output line. A compiler's command line starts with
 * a hundred characters of flags; what tells where the build is, is the file it compiles or links.
 */
public final class ProgressLine {
    static final int MAX = 140;
    private static final Pattern COMPILER = Pattern.compile("^(?:\\S*/)?(?:gcc|cc|clang|g\\+\\+|c\\+\\+)(?:-[\\d.]+)?\\s");
    private static final Pattern SOURCE = Pattern.compile("(\\S+\\.(?:c|cc|cpp|cxx|S))(?:\\s|$)");
    private static final Pattern OUTPUT = Pattern.compile("\\s-o\\s+(\\S+)");

    private ProgressLine() {}

    public static String of(String line) {
        String text = line.strip();
        if (COMPILER.matcher(text).find()) {
            boolean compileOnly = text.contains(" -c ");
            Matcher src = SOURCE.matcher(text);
            String file = null;
            while (src.find()) file = src.group(1);
            if (compileOnly && file != null) return "compiling " + file;
            Matcher out = OUTPUT.matcher(text);
            if (!compileOnly && out.find()) return "linking " + out.group(1);
        }
        return text.length() > MAX ? text.substring(0, MAX - 3) + "..." : text;
    }
}
