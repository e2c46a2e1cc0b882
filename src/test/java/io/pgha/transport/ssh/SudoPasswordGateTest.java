package io.pgha.transport.ssh;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SudoPasswordGateTest {
    final RemoteCommand.BecomeMarkers markers = new RemoteCommand.BecomeMarkers("[pgha-sudo-ab] password:", "pgha-become-started-ab");

    static void feed(SudoPasswordGate g, String s) throws Exception {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        // one byte at a time: markers split across packets must still be found
        for (byte x : b) g.write(new byte[]{x}, 0, 1);
    }

    @Test
    void promptCountedAndRemovedThenStartMarkerOpensTheGate() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SudoPasswordGate g = new SudoPasswordGate(markers, err);
        feed(g, "[pgha-sudo-ab] password:");
        assertEquals(1, g.prompts());
        assertFalse(g.commandStarted());
        feed(g, "pgha-become-started-ab\nreal error\n");
        assertTrue(g.commandStarted());
        feed(g, "more\n");
        g.finish();
        assertEquals("real error\nmore\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noPromptWhenSudoNeedsNoPassword() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SudoPasswordGate g = new SudoPasswordGate(markers, err);
        feed(g, "pgha-become-started-ab\n");
        assertEquals(0, g.prompts());
        assertTrue(g.commandStarted());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void wrongPasswordShowsASecondPromptAndSudoTextIsKept() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SudoPasswordGate g = new SudoPasswordGate(markers, err);
        feed(g, "[pgha-sudo-ab] password:\nSorry, try again.\n[pgha-sudo-ab] password:");
        assertEquals(2, g.prompts());
        assertFalse(g.commandStarted());
        g.finish();
        assertEquals("\nSorry, try again.\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void lineCaptureSplitsLinesAcrossWritesAndKeepsEverything() {
        List<String> lines = new ArrayList<>();
        LineCapture c = new LineCapture(lines::add);
        byte[] a = "one\ntw".getBytes(StandardCharsets.UTF_8);
        byte[] b = "o\r\nthree".getBytes(StandardCharsets.UTF_8);
        c.write(a, 0, a.length);
        assertEquals(List.of("one"), lines);
        c.write(b, 0, b.length);
        c.finish();
        assertEquals(List.of("one", "two", "three"), lines);
        assertEquals("one\ntwo\r\nthree", c.text());
    }
}
