package io.pgha.modules.support;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressLineTest {
    @Test
    void aCompileLineShowsTheFileItCompiles() {
        assertEquals("compiling barrier.c", ProgressLine.of("gcc -Wall -Wmissing-prototypes -Wpointer-arith -O2"
                + " -I../../../../src/include -D_GNU_SOURCE -c -o barrier.o barrier.c"));
        assertEquals("compiling src/vrrp/vrrp.c", ProgressLine.of("  /usr/bin/gcc-12 -DHAVE_CONFIG_H -I. -g -O2 -c src/vrrp/vrrp.c -o vrrp.o"));
    }

    @Test
    void aLinkLineShowsWhatItLinks() {
        assertEquals("linking postgres", ProgressLine.of("gcc -Wall -O2 -L../../src/port -Wl,--as-needed -Wl,-E access/brin/brin.o"
                + " access/brin/brin_bloom.o -o postgres"));
    }

    @Test
    void otherLinesAreKeptAndCutAtALengthThatFitsALine() {
        assertEquals("make -C libpq all", ProgressLine.of("make -C libpq all"));
        assertEquals("checking for link... yes", ProgressLine.of("checking for link... yes"));
        String longLine = "x".repeat(400);
        assertEquals(ProgressLine.MAX, ProgressLine.of(longLine).length());
        assertTrue(ProgressLine.of(longLine).endsWith("..."));
        // a word that merely contains "cc" is not a compiler
        assertEquals("access granted to foo.c", ProgressLine.of("access granted to foo.c"));
    }

    @Test
    void throttledProgressCountsEveryLineButShowsOnlyThoseWorthShowing() {
        List<String> shown = new ArrayList<>();
        ThrottledProgress p = new ThrottledProgress(shown::add, 0, line -> line.startsWith("Get:"));
        p.accept("Reading package lists...");
        p.accept("Get:1 http://mirror/debian bookworm/main amd64 make 4.3-4.1 [396 kB]");
        p.accept("Unpacking make (4.3-4.1) ...");
        assertEquals(1, shown.size(), shown.toString());
        assertTrue(shown.get(0).matches("after 0s, 2 lines: Get:1 http://mirror/debian .*"), shown.get(0));
    }
}
