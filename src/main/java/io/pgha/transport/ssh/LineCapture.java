package io.pgha.transport.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Captures one output stream of a command whole, and hands each complete line to a listener as it
 * arrives (progress of long builds). Written by the SSH I/O thread, read by the caller after the
 * channel closed, hence synchronized.
 */
final class LineCapture extends OutputStream {
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Consumer<String> lines;

    LineCapture(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
        all.write(b);
        if (lines != null) take((byte) b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        all.write(b, off, len);
        if (lines == null) return;
        for (int i = off; i < off + len; i++) take(b[i]);
    }

    private void take(byte b) {
        if (b == '\n') emit();
        else line.write(b);
    }

    private void emit() {
        String s = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (s.endsWith("\r")) s = s.substring(0, s.length() - 1);
        try {
            lines.accept(s);
        } catch (RuntimeException ignored) {
            // A failing progress listener must not break the command's transport.
        }
    }

    /** Hands a last line without a newline to the listener. */
    synchronized void finish() {
        if (lines != null && line.size() > 0) emit();
    }

    synchronized String text() {
        return all.toString(StandardCharsets.UTF_8);
    }
}
