package io.pgha.modules.files;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.pgha.testing.TestArgs.args;

/** lineinfile and blockinfile logic, and argument handling, without a host. */
class LineEditTest {
    private static final String CONF = "# pg\nport = 5432\nmax_connections = 100\n";

    static String line(String text, Object... kv) {
        return LineInFileModule.edit(new Args(args(kv))).apply(text);
    }

    static String block(String text, Object... kv) {
        return BlockInFileModule.edit(new Args(args(kv))).apply(text);
    }

    @Test
    void regexpReplacesTheLastMatchingLine() {
        assertEquals("# pg\nport = 5433\nmax_connections = 100\n", line(CONF, "regexp", "^port\\s*=", "line", "port = 5433"));
        assertEquals("port = 1\nport = 9\n", line("port = 1\nport = 2\n", "regexp", "^port", "line", "port = 9"));
        assertEquals("port = 9\nport = 2\n", line("port = 1\nport = 2\n", "regexp", "^port", "line", "port = 9", "firstmatch", "yes"));
    }

    @Test
    void unchangedWhenTheLineIsAlreadyThere() {
        assertEquals(CONF, line(CONF, "regexp", "^port", "line", "port = 5432"));
        assertEquals(CONF, line(CONF, "line", "max_connections = 100"));
        // regexp matches nothing but the exact line exists: no duplicate
        assertEquals(CONF, line(CONF, "regexp", "^#?listen", "line", "port = 5432"));
    }

    @Test
    void insertionPoints() {
        assertEquals(CONF + "a = 1\n", line(CONF, "line", "a = 1"));
        assertEquals("a = 1\n" + CONF, line(CONF, "line", "a = 1", "insertbefore", "BOF"));
        assertEquals("# pg\nport = 5432\na = 1\nmax_connections = 100\n", line(CONF, "line", "a = 1", "insertafter", "^port"));
        assertEquals("# pg\na = 1\nport = 5432\nmax_connections = 100\n", line(CONF, "line", "a = 1", "insertbefore", "^port"));
        assertEquals(CONF + "a = 1\n", line(CONF, "line", "a = 1", "insertafter", "^nomatch"));
        // a file without final newline gets one before the new line
        assertEquals("x\ny\n", line("x", "line", "y"));
        assertEquals("y\n", line("", "line", "y"));
    }

    @Test
    void backrefsExpandGroupsAndChangeNothingWithoutAMatch() {
        assertEquals("# pg\nport = 6000 # was 5432\nmax_connections = 100\n",
                line(CONF, "regexp", "^port = (\\d+)$", "line", "port = 6000 # was \\1", "backrefs", "yes"));
        assertEquals(CONF, line(CONF, "regexp", "^nothing(\\d)", "line", "x\\1", "backrefs", "yes"));
        assertEquals("k=v!\n", line("k=v\n", "regexp", "^(?<key>\\w)=(\\w)$", "line", "\\g<key>=\\g<2>!", "backrefs", true));
    }

    @Test
    void pythonsNamedGroupsAsAnsiblePlaybooksWriteThem() {
        assertEquals("key = v\n", line("key = 1\n", "regexp", "^(?P<k>key) =", "line", "\\g<k> = v", "backrefs", true));
        assertEquals("aa = 2\n", line("aa = 1\n", "regexp", "^(?P<c>a)(?P=c) =", "line", "aa = 2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> line("x\n", "regexp", "^(?P<my_key>x)", "line", "y"));
        assertTrue(e.getMessage().contains("a group's name may hold letters and digits only"), e.getMessage());
    }

    @Test
    void absentRemovesEveryMatchKeepingTheRest() {
        assertEquals("# pg\nmax_connections = 100\n", line(CONF, "regexp", "^port", "state", "absent"));
        assertEquals("b\n", line("a\nb\na\n", "line", "a", "state", "absent"));
        assertEquals(CONF, line(CONF, "regexp", "^nothing", "state", "absent"));
        assertEquals("keep", line("keep", "line", "x", "state", "absent"));
    }

    @Test
    void argumentErrorsNameTheArgument() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> line(CONF, "regexp", "(")).getMessage().contains("regexp"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> line(CONF, "regexp", "x")).getMessage().contains("line"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> line(CONF, "line", "x", "state", "gone")).getMessage().contains("state must be one of"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> line(CONF, "line", "x", "insertafter", "a", "insertbefore", "b")).getMessage().contains("not both"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> line(CONF, "line", "x", "backrefs", "maybe")).getMessage().contains("yes or no"));
    }

    @Test
    void blockInsertedReplacedAndRemoved() {
        String once = block(CONF, "block", "a = 1\nb = 2");
        assertEquals(CONF + "# BEGIN PGHA MANAGED BLOCK\na = 1\nb = 2\n# END PGHA MANAGED BLOCK\n", once);
        assertEquals(once, block(once, "block", "a = 1\nb = 2\n"));
        String replaced = block(once + "tail\n", "block", "c = 3");
        assertEquals(CONF + "# BEGIN PGHA MANAGED BLOCK\nc = 3\n# END PGHA MANAGED BLOCK\ntail\n", replaced);
        assertEquals(CONF + "tail\n", block(replaced, "state", "absent"));
        assertEquals(CONF + "tail\n", block(replaced, "block", ""));
        assertEquals(CONF, block(CONF, "state", "absent"));
    }

    @Test
    void blockMarkersAndPositions() {
        String b = block(CONF, "block", "x", "marker", "// {mark} ours", "insertbefore", "BOF");
        assertEquals("// BEGIN ours\nx\n// END ours\n" + CONF, b);
        b = block(CONF, "block", "x", "insertafter", "^port", "marker_begin", "START", "marker_end", "STOP");
        assertEquals("# pg\nport = 5432\n# START PGHA MANAGED BLOCK\nx\n# STOP PGHA MANAGED BLOCK\nmax_connections = 100\n", b);
        assertThrows(IllegalArgumentException.class, () -> block(CONF, "block", "x", "marker", "# no mark"));
    }

    @Test
    void secretValuesAreMaskedInDiffsIncludingTheOldOne() {
        var d = DiffTexts.content("/etc/app.env",
                "PGPASSWORD=old1\nport=1\npassword_encryption = scram-sha-256\n".getBytes(),
                "PGPASSWORD=new2\nport=2\npassword_encryption = scram-sha-256\n".getBytes());
        assertEquals("PGPASSWORD=********\nport=1\npassword_encryption = scram-sha-256\n", d.before());
        assertEquals("PGPASSWORD=******** (changed)\nport=2\npassword_encryption = scram-sha-256\n", d.after());
        var p = DiffTexts.content("/var/lib/postgresql/.pgpass", null, "db06:5432:*:replicator:pa:ss\n".getBytes());
        assertEquals("db06:5432:*:replicator:********\n", p.after());
        var y = DiffTexts.content("/etc/x.yml", "a: 1\n".getBytes(), "a: 1\nauth_pass: 'abc'\n".getBytes());
        assertEquals("a: 1\nauth_pass: '********'\n", y.after());
        var bin = DiffTexts.content("/x", null, new byte[]{0, 1, 2, (byte) 0xff});
        assertTrue(bin.after().startsWith("(binary content, 4 bytes"), bin.after());
    }
}
