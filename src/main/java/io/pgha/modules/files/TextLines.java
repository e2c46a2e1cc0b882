package io.pgha.modules.files;

import java.util.ArrayList;
import java.util.List;

/** A text file as lines, remembering whether it ended with a newline; edits keep the rest byte for byte. */
final class TextLines {
    final List<String> lines;
    private final boolean endsWithNewline;
    private boolean inserted;

    private TextLines(List<String> lines, boolean endsWithNewline) {
        this.lines = lines;
        this.endsWithNewline = endsWithNewline;
    }

    static TextLines parse(String text) {
        List<String> l = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                l.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start < text.length()) l.add(text.substring(start));
        return new TextLines(l, text.isEmpty() || text.endsWith("\n"));
    }

    void insert(int index, List<String> newLines) {
        lines.addAll(index, newLines);
        inserted = true;
    }

    /** The text; a file that gained lines always ends with a newline (as Ansible writes it). */
    String text() {
        if (lines.isEmpty()) return "";
        return String.join("\n", lines) + (endsWithNewline || inserted ? "\n" : "");
    }
}
