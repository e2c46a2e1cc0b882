package io.pgha.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatusPrinterTest {
    @Test
    void walDistancesReadAsAPersonWouldSayThem() {
        assertEquals("0 bytes", StatusPrinter.bytes(0));
        assertEquals("1023 bytes", StatusPrinter.bytes(1023));
        assertEquals("1.0 kB", StatusPrinter.bytes(1024));
        assertEquals("16 MB", StatusPrinter.bytes(16L * 1024 * 1024));
        assertEquals("3.5 GB", StatusPrinter.bytes(3584L * 1024 * 1024));
    }
}
