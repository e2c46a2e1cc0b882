package io.pgha.modules.files;

import io.pgha.modules.support.PythonRegex;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lineinfile's pure logic, Ansible's rules: with regexp, the last matching line is replaced (the first
 * with firstmatch); with no match, the line is inserted unless it is already there verbatim. Without
 * regexp, the line is inserted unless present. Insertion point: insertafter (EOF default, or after the
 * last line matching a regex) or insertbefore (BOF, or before the last matching line); a regex that
 * matches nothing means EOF. absent removes every line matching regexp (or equal to line).
 */
final class LineEdit {
    String line;
    Pattern regexp;
    boolean absent;
    boolean backrefs;
    boolean firstMatch;
    String insertAfter;   // EOF or a regex
    String insertBefore;  // BOF or a regex (wins over insertAfter when both are set)

    /** The new text, equal to the input when nothing changes. */
    String apply(String text) {
        TextLines t = TextLines.parse(text);
        List<String> lines = t.lines;
        if (absent) {
            boolean removed = lines.removeIf(l -> regexp != null ? regexp.matcher(l).find() : l.equals(line));
            return removed ? t.text() : text;
        }
        if (regexp != null) {
            int idx = find(lines, regexp);
            if (idx >= 0) {
                String wanted = backrefs ? expand(regexp.matcher(lines.get(idx)), line) : line;
                if (lines.get(idx).equals(wanted)) return text;
                lines.set(idx, wanted);
                return t.text();
            }
            if (backrefs) return text;   // Ansible: backrefs with no match changes nothing
        }
        if (lines.contains(line)) return text;
        t.insert(insertionPoint(lines), List.of(line));
        return t.text();
    }

    private int insertionPoint(List<String> lines) {
        if (insertBefore != null) {
            if (insertBefore.equals("BOF")) return 0;
            int idx = find(lines, PythonRegex.compile("insertbefore", insertBefore));
            return idx >= 0 ? idx : lines.size();
        }
        if (insertAfter != null && !insertAfter.equals("EOF")) {
            int idx = find(lines, PythonRegex.compile("insertafter", insertAfter));
            return idx >= 0 ? idx + 1 : lines.size();
        }
        return lines.size();
    }

    private int find(List<String> lines, Pattern p) {
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).find()) {
                found = i;
                if (firstMatch) break;
            }
        }
        return found;
    }

    /** Python's match.expand: \1 and \g<1> (and \g<name>) in the template become the groups. */
    static String expand(Matcher m, String template) {
        if (!m.find()) return template;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                char n = template.charAt(i + 1);
                if (Character.isDigit(n)) {
                    int j = i + 1;
                    while (j < template.length() && j < i + 3 && Character.isDigit(template.charAt(j))) j++;
                    out.append(group(m, template.substring(i + 1, j)));
                    i = j - 1;
                    continue;
                }
                if (n == 'g' && i + 2 < template.length() && template.charAt(i + 2) == '<') {
                    int close = template.indexOf('>', i + 3);
                    if (close > 0) {
                        out.append(group(m, template.substring(i + 3, close)));
                        i = close;
                        continue;
                    }
                }
                if (n == '\\') { out.append('\\'); i++; continue; }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String group(Matcher m, String ref) {
        String g;
        try {
            g = ref.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(ref)) : m.group(ref);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IllegalArgumentException("line refers to group " + ref + " which regexp does not have");
        }
        return g == null ? "" : g;
    }
}
