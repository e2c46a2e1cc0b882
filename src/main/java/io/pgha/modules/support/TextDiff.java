package io.pgha.modules.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Unified diff of two texts (GNU diff -u style: @@ hunks, 3 lines of context), computed with Myers'
 * O((N+M)D) algorithm after trimming the common head and tail, which is all config files need.
 * Before null means the file did not exist; after null means it is removed.
 */
public final class TextDiff {
    public static final int CONTEXT = 3;
    private static final String NO_NEWLINE = "\\ No newline at end of file";

    private TextDiff() {}

    /** The diff as text ending with a newline, or "" when both sides are equal. */
    public static String unified(String path, String before, String after) {
        return unified(path, before, after, CONTEXT);
    }

    public static String unified(String path, String before, String after, int context) {
        String a = before == null ? "" : before;
        String b = after == null ? "" : after;
        if (a.equals(b) && (before == null) == (after == null)) return "";
        StringBuilder out = new StringBuilder();
        out.append("--- before: ").append(path).append(before == null ? " (absent)" : "").append('\n');
        out.append("+++ after: ").append(path).append(after == null ? " (absent)" : "").append('\n');
        Lines x = Lines.of(a), y = Lines.of(b);
        List<Edit> edits = diff(x.keys(), y.keys());
        for (List<Edit> hunk : hunks(edits, context)) writeHunk(out, hunk, x, y);
        return out.toString();
    }

    /** One line of the edit script: ' ' kept, '-' removed, '+' added, with 0-based indexes into each side. */
    record Edit(char op, int ai, int bi) {}

    /** Text split into lines; whether the last line lacked its newline. */
    private record Lines(List<String> lines, boolean missingFinalNewline) {
        static Lines of(String s) {
            List<String> l = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    l.add(s.substring(start, i));
                    start = i + 1;
                }
            }
            boolean missing = start < s.length();
            if (missing) l.add(s.substring(start));
            return new Lines(l, missing);
        }

        boolean isLastWithoutNewline(int i) { return missingFinalNewline && i == lines.size() - 1; }

        /** The lines as compared: a last line without newline differs from the same text with one. */
        List<String> keys() {
            if (!missingFinalNewline) return lines;
            List<String> k = new ArrayList<>(lines);
            k.set(k.size() - 1, k.get(k.size() - 1) + "\0");
            return k;
        }
    }

    /** The shortest edit script turning a into b. */
    static List<Edit> diff(List<String> a, List<String> b) {
        int n = a.size(), m = b.size();
        int head = 0;
        while (head < n && head < m && a.get(head).equals(b.get(head))) head++;
        int tail = 0;
        while (tail < n - head && tail < m - head && a.get(n - 1 - tail).equals(b.get(m - 1 - tail))) tail++;
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < head; i++) edits.add(new Edit(' ', i, i));
        myers(a.subList(head, n - tail), b.subList(head, m - tail), head, edits);
        for (int i = tail; i > 0; i--) edits.add(new Edit(' ', n - i, m - i));
        return edits;
    }

    /** Cells of saved V slices allowed (~16 MB); beyond, the middle is shown as all removed, all added. */
    static final long TRACE_BUDGET = 4_000_000;

    /**
     * Myers' greedy algorithm. Before step d only diagonals -(d-1)..d-1 matter, so only that slice of
     * V is kept per step (O(D^2) memory in all). Texts that differ in thousands of lines exceed the
     * budget and get a plain replace-everything script instead of a minimal one.
     */
    private static void myers(List<String> a, List<String> b, int offset, List<Edit> out) {
        int n = a.size(), m = b.size(), max = n + m;
        if (max == 0) return;
        int[] v = new int[2 * max + 2];
        List<int[]> trace = new ArrayList<>();
        long cells = 0;
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            int lo = max - (d - 1), len = Math.max(0, 2 * d - 1);
            cells += len;
            if (cells > TRACE_BUDGET) {
                replaceAll(n, m, offset, out);
                return;
            }
            trace.add(len == 0 ? new int[0] : java.util.Arrays.copyOfRange(v, lo, lo + len));
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? v[max + k + 1] : v[max + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) { x++; y++; }
                v[max + k] = x;
                if (x >= n && y >= m) { found = d; break; }
            }
        }
        // Walk back from (n, m) through the saved slices, collecting edits in reverse.
        List<Edit> rev = new ArrayList<>();
        int x = n, y = m;
        for (int d = found; d > 0; d--) {
            int[] pv = trace.get(d);          // V after step d-1, diagonals -(d-1)..d-1
            int base = d - 1;
            int k = x - y;
            int prevK = (k == -d || (k != d && pv[base + k - 1] < pv[base + k + 1])) ? k + 1 : k - 1;
            int prevX = pv[base + prevK], prevY = prevX - prevK;
            while (x > prevX && y > prevY) { x--; y--; rev.add(new Edit(' ', offset + x, offset + y)); }
            if (x == prevX) { y--; rev.add(new Edit('+', offset + x, offset + y)); }
            else { x--; rev.add(new Edit('-', offset + x, offset + y)); }
        }
        while (x > 0 && y > 0) { x--; y--; rev.add(new Edit(' ', offset + x, offset + y)); }
        for (int i = rev.size() - 1; i >= 0; i--) out.add(rev.get(i));
    }

    private static void replaceAll(int n, int m, int offset, List<Edit> out) {
        for (int i = 0; i < n; i++) out.add(new Edit('-', offset + i, offset));
        for (int j = 0; j < m; j++) out.add(new Edit('+', offset + n, offset + j));
    }

    /** Groups changes with up to `context` kept lines around them; changes closer than 2*context share a hunk. */
    private static List<List<Edit>> hunks(List<Edit> edits, int context) {
        List<List<Edit>> hunks = new ArrayList<>();
        int i = 0, size = edits.size();
        while (i < size) {
            while (i < size && edits.get(i).op() == ' ') i++;
            if (i >= size) break;
            int start = Math.max(0, i - context);
            int end = i; // exclusive end of the last change seen
            int j = i;
            while (j < size) {
                if (edits.get(j).op() != ' ') { end = j + 1; j++; continue; }
                int run = j;
                while (run < size && edits.get(run).op() == ' ') run++;
                if (run >= size || run - j > 2 * context) break;
                j = run;
            }
            int stop = Math.min(size, end + context);
            hunks.add(edits.subList(start, stop));
            i = stop;
        }
        return hunks;
    }

    private static void writeHunk(StringBuilder out, List<Edit> hunk, Lines x, Lines y) {
        int aStart = -1, bStart = -1, aLen = 0, bLen = 0;
        for (Edit e : hunk) {
            if (e.op() != '+') { if (aStart < 0) aStart = e.ai(); aLen++; }
            if (e.op() != '-') { if (bStart < 0) bStart = e.bi(); bLen++; }
        }
        // An empty side is numbered by the line before it (GNU: -0,0 for an empty file).
        if (aStart < 0) aStart = hunk.get(0).ai() - 1;
        if (bStart < 0) bStart = hunk.get(0).bi() - 1;
        out.append("@@ -").append(range(aStart, aLen)).append(" +").append(range(bStart, bLen)).append(" @@\n");
        for (Edit e : hunk) {
            boolean fromA = e.op() != '+';
            String line = fromA ? x.lines.get(e.ai()) : y.lines.get(e.bi());
            out.append(e.op()).append(line).append('\n');
            boolean noNl = e.op() == '-' ? x.isLastWithoutNewline(e.ai())
                    : e.op() == '+' ? y.isLastWithoutNewline(e.bi())
                    : x.isLastWithoutNewline(e.ai()) || y.isLastWithoutNewline(e.bi());
            if (noNl) out.append(NO_NEWLINE).append('\n');
        }
    }

    /** "start,len" 1-based; GNU omits ",1"; an empty range names the line before it. */
    private static String range(int start0, int len) {
        if (len == 0) return (start0 + 1) + ",0";
        return len == 1 ? String.valueOf(start0 + 1) : (start0 + 1) + "," + len;
    }
}
