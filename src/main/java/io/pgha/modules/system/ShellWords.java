package io.pgha.modules.system;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a POSIX shell would, without expanding anything:
 * single quotes keep everything, double quotes keep everything but \" \\ \$ \`, a backslash outside
 * quotes escapes the next character. The command module runs the words without a shell, so
 * | ; > $HOME in its text are plain characters, as in Ansible.
 */
final class ShellWords {
    private ShellWords() {}

    static List<String> split(String line) throws TaskFailure {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        int i = 0, n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) throw new TaskFailure("unterminated single quote in command: " + line);
                cur.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = line.charAt(i);
                    if (d == '"') { closed = true; i++; break; }
                    if (d == '\\' && i + 1 < n && "\"\\$`\n".indexOf(line.charAt(i + 1)) >= 0) {
                        if (line.charAt(i + 1) != '\n') cur.append(line.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    cur.append(d);
                    i++;
                }
                if (!closed) throw new TaskFailure("unterminated double quote in command: " + line);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 < n) {
                    if (line.charAt(i + 1) != '\n') { cur.append(line.charAt(i + 1)); inWord = true; }
                    i += 2;
                } else {
                    i++;
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) { words.add(cur.toString()); cur.setLength(0); inWord = false; }
                i++;
            } else {
                cur.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) words.add(cur.toString());
        return words;
    }
}
