package io.pgha.modules.files;

import io.pgha.modules.support.PythonRegex;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * blockinfile's pure logic: a block of lines between a begin and an end marker line. Present replaces
 * the marked block (or inserts it: insertafter EOF by default, or after the last line matching a regex;
 * insertbefore BOF or before the last matching line). Absent, or an empty block, removes it.
 */
final class BlockEdit {
    String block = "";
    String beginMarker;
    String endMarker;
    boolean absent;
    String insertAfter;
    String insertBefore;

    static String marker(String template, String mark) { return template.replace("{mark}", mark); }

    String apply(String text) {
        TextLines t = TextLines.parse(text);
        List<String> lines = t.lines;
        int begin = -1, end = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).stripTrailing();
            if (begin < 0 && l.equals(beginMarker)) begin = i;
            else if (begin >= 0 && l.equals(endMarker)) { end = i; break; }
        }
        boolean found = begin >= 0 && end >= 0;
        List<String> wanted = new ArrayList<>();
        if (!absent && !block.isEmpty()) {
            wanted.add(beginMarker);
            wanted.addAll(TextLines.parse(block.endsWith("\n") ? block : block + "\n").lines);
            wanted.add(endMarker);
        }
        if (found) {
            List<String> current = lines.subList(begin, end + 1);
            if (current.equals(wanted)) return text;
            current.clear();
            if (wanted.isEmpty()) return t.text();
            t.insert(begin, wanted);
            return t.text();
        }
        if (wanted.isEmpty()) return text;
        t.insert(insertionPoint(lines), wanted);
        return t.text();
    }

    private int insertionPoint(List<String> lines) {
        if (insertBefore != null) {
            if (insertBefore.equals("BOF")) return 0;
            int idx = last(lines, PythonRegex.compile("insertbefore", insertBefore));
            return idx >= 0 ? idx : lines.size();
        }
        if (insertAfter != null && !insertAfter.equals("EOF")) {
            int idx = last(lines, PythonRegex.compile("insertafter", insertAfter));
            return idx >= 0 ? idx + 1 : lines.size();
        }
        return lines.size();
    }

    private static int last(List<String> lines, Pattern p) {
        int found = -1;
        for (int i = 0; i < lines.size(); i++) if (p.matcher(lines.get(i)).find()) found = i;
        return found;
    }
}
