package io.pgha.modules.support;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextDiffTest {

    @Test
    void equalTextsGiveNoDiff() {
        assertEquals("", TextDiff.unified("f", "a\nb\n", "a\nb\n"));
        assertEquals("", TextDiff.unified("f", null, null));
    }

    @Test
    void oneChangedLineWithThreeLinesOfContext() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assertEquals("""
                --- before: /etc/x.conf
                +++ after: /etc/x.conf
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """, TextDiff.unified("/etc/x.conf", before, after));
    }

    @Test
    void distantChangesMakeTwoHunksCloseOnesOne() {
        StringBuilder a = new StringBuilder();
        for (int i = 1; i <= 20; i++) a.append(i).append('\n');
        String before = a.toString();
        String twoHunks = before.replace("\n2\n", "\nTWO\n").replace("\n18\n", "\nEIGHTEEN\n");
        String d = TextDiff.unified("f", before, twoHunks);
        assertEquals(2, count(d, "@@ -"), d);
        assertTrue(d.contains("@@ -1,5 +1,5 @@"), d);
        assertTrue(d.contains("@@ -15,6 +15,6 @@"), d);
        // 6 unchanged lines between two changes (= 2 x context) still join into one hunk
        String oneHunk = before.replace("\n2\n", "\nTWO\n").replace("\n9\n", "\nNINE\n");
        assertEquals(1, count(TextDiff.unified("f", before, oneHunk), "@@ -"));
    }

    @Test
    void newFileAndRemovedFile() {
        assertEquals("""
                --- before: f (absent)
                +++ after: f
                @@ -0,0 +1,2 @@
                +a
                +b
                """, TextDiff.unified("f", null, "a\nb\n"));
        assertEquals("""
                --- before: f
                +++ after: f (absent)
                @@ -1 +0,0 @@
                -a
                """, TextDiff.unified("f", "a\n", null));
    }

    @Test
    void appendAtEndAndMissingFinalNewline() {
        assertEquals("""
                --- before: f
                +++ after: f
                @@ -1,2 +1,3 @@
                 a
                -b
                \\ No newline at end of file
                +b
                +c
                """, TextDiff.unified("f", "a\nb", "a\nb\nc\n"));
    }

    @Test
    void pureInsertionInTheMiddleIsNumberedLikeGnuDiff() {
        String d = TextDiff.unified("f", "a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nX\ne\nf\ng\nh\n", 0);
        assertTrue(d.contains("@@ -4,0 +5 @@\n+X\n"), d);
    }

    @Test
    void randomEditsApplyBackToTheNewText() {
        Random r = new Random(42);
        for (int round = 0; round < 500; round++) {
            List<String> a = randomLines(r), b = new ArrayList<>(a);
            int edits = r.nextInt(6);
            for (int e = 0; e < edits; e++) {
                int op = r.nextInt(3);
                if (op == 0 || b.isEmpty()) b.add(b.isEmpty() ? 0 : r.nextInt(b.size() + 1), "n" + r.nextInt(5));
                else if (op == 1) b.remove(r.nextInt(b.size()));
                else b.set(r.nextInt(b.size()), "c" + r.nextInt(5));
            }
            String before = String.join("\n", a) + (a.isEmpty() ? "" : "\n");
            String after = String.join("\n", b) + (b.isEmpty() ? "" : "\n");
            String d = TextDiff.unified("f", before, after);
            assertEquals(after, apply(before, d), "round " + round + "\n" + d);
            // and the script is minimal: never longer than removing all and adding all
            assertTrue(count(d, "\n-") + count(d, "\n+") <= a.size() + b.size() + 2);
        }
    }

    @Test
    void hugeRewritesStayCheapAndStillApply() {
        StringBuilder a = new StringBuilder(), b = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            a.append("old ").append(i).append('\n');
            b.append("new ").append(i).append('\n');
        }
        long t0 = System.nanoTime();
        String d = TextDiff.unified("big", a.toString(), b.toString());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "took too long");
        assertEquals(b.toString(), apply(a.toString(), d));
        assertEquals(1, count(d, "@@ -"));
    }

    private static List<String> randomLines(Random r) {
        List<String> l = new ArrayList<>();
        int n = r.nextInt(30);
        for (int i = 0; i < n; i++) l.add("l" + r.nextInt(8));
        return l;
    }

    private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");

    /** A minimal patch applier: checks hunk positions and context against the old text. */
    private static String apply(String before, String diff) {
        List<String> src = before.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(before.split("\n", -1)));
        if (!src.isEmpty()) src.remove(src.size() - 1);
        List<String> out = new ArrayList<>();
        int pos = 0; // next source line to copy (0-based)
        String[] lines = diff.split("\n");
        for (int i = 2; i < lines.length; i++) {
            Matcher m = HUNK.matcher(lines[i]);
            if (m.matches()) {
                int aStart = Integer.parseInt(m.group(1));
                int aLen = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                int from = aLen == 0 ? aStart : aStart - 1;
                while (pos < from) out.add(src.get(pos++));
                continue;
            }
            String l = lines[i];
            char op = l.charAt(0);
            String text = l.substring(1);
            if (op == ' ') { assertEquals(src.get(pos), text); out.add(src.get(pos++)); }
            else if (op == '-') { assertEquals(src.get(pos), text); pos++; }
            else if (op == '+') out.add(text);
        }
        while (pos < src.size()) out.add(src.get(pos++));
        return out.isEmpty() ? "" : String.join("\n", out) + "\n";
    }

    private static int count(String s, String what) {
        int c = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) c++;
        return c;
    }
}
