package io.pgha.modules.files;

import io.pgha.core.Secrets;
import io.pgha.modules.FileDiff;
import io.pgha.modules.support.RemoteFiles;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the FileDiffs the file modules report under --diff. The engine masks every registered
 * secret value; this also masks values that are secret by their key (password = ..., auth_pass ...,
 * a .pgpass password field), which catches the OLD value of a changed password too, a value nobody
 * registered any more. A changed secret still shows as a changed line, without showing either value.
 */
final class DiffTexts {
    /** A key and its value: "key = v", "key: v", "key v", "export KEY=v". */
    private static final Pattern KEY_VALUE =
            Pattern.compile("^(\\s*(?:export\\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\\s*[=:]\\s*|\\s+)(\\S.*?)\\s*$");
    static final String CHANGED_MASK = Secrets.MASK + " (changed)";

    private DiffTexts() {}

    /** A content diff; before null: the file did not exist. */
    static FileDiff content(String path, byte[] before, byte[] after) {
        String b = show(before), a = show(after);
        Map<String, String> oldValues = new HashMap<>();
        String maskedBefore = mask(path, b, null, oldValues);
        String maskedAfter = mask(path, a, oldValues, null);
        return new FileDiff(path, maskedBefore, maskedAfter);
    }

    /** A diff of owner/group/mode/state, shown as short "key: value" lines. */
    static FileDiff state(String path, String before, String after) {
        return new FileDiff(path, before, after);
    }

    static String describe(RemoteFiles.Stat st) {
        if (!st.exists()) return "state: absent\n";
        StringBuilder sb = new StringBuilder("state: ").append(st.type()).append('\n');
        if (st.isLink()) sb.append("src: ").append(st.linkTarget()).append('\n');
        sb.append("owner: ").append(st.owner()).append('\n').append("group: ").append(st.group()).append('\n');
        if (!st.isLink()) sb.append("mode: ").append(io.pgha.modules.support.Modes.format(st.mode())).append('\n');
        return sb.toString();
    }

    /** Text for a diff: null (absent), the text, or a one-line note for binary or unread content. */
    static String show(byte[] content) {
        if (content == null) return null;
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            if (s.indexOf('\0') >= 0) return binary(content);
            return s;
        } catch (CharacterCodingException e) {
            return binary(content);
        }
    }

    private static String binary(byte[] content) {
        return "(binary content, " + content.length + " bytes, sha256 " + ManagedFile.sha256(content) + ")\n";
    }

    /**
     * Masks secret values in text. Collects the before-values into `record`, or compares after-values
     * against `previous` to mark a changed secret.
     */
    static String mask(String path, String text, Map<String, String> previous, Map<String, String> record) {
        if (text == null) return null;
        boolean pgpass = path != null && path.endsWith("pgpass");
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            String line = nl < 0 ? text.substring(start) : text.substring(start, nl);
            out.append(maskLine(line, pgpass, previous, record));
            if (nl < 0) break;
            out.append('\n');
            start = nl + 1;
        }
        return out.toString();
    }

    private static String maskLine(String line, boolean pgpass, Map<String, String> previous, Map<String, String> record) {
        if (line.stripLeading().startsWith("#")) return line;
        if (pgpass) {
            int[] colons = new int[4];
            int found = 0;
            for (int i = 0; i < line.length() && found < 4; i++) {
                if (line.charAt(i) == '\\') { i++; continue; }
                if (line.charAt(i) == ':') colons[found++] = i;
            }
            if (found == 4) {
                String key = line.substring(0, colons[3]);
                return key + ":" + maskValue(key, line.substring(colons[3] + 1), previous, record);
            }
            return line;
        }
        Matcher m = KEY_VALUE.matcher(line);
        if (!m.matches()) return line;
        String key = m.group(2);
        if (!Secrets.isSecretName(key)) return line;
        String value = m.group(4);
        String quote = "";
        if (value.length() >= 2 && (value.charAt(0) == '\'' || value.charAt(0) == '"') && value.endsWith(value.substring(0, 1))) {
            quote = value.substring(0, 1);
        }
        return m.group(1) + key + m.group(3) + quote + maskValue(key, value, previous, record) + quote;
    }

    private static String maskValue(String key, String value, Map<String, String> previous, Map<String, String> record) {
        if (record != null) record.put(key, value);
        if (previous != null && previous.containsKey(key) && !previous.get(key).equals(value)) return CHANGED_MASK;
        return Secrets.MASK;
    }
}
