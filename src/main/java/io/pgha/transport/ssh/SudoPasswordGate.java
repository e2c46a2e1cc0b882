package io.pgha.transport.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Watches a become command's stderr for sudo's password prompt and for the line the wrapped command
 * prints once it runs (see RemoteCommand.BecomeMarkers). Both markers are removed; everything else
 * goes on to the real stderr. The caller sends the password only after a prompt and the request's
 * stdin only after the start marker, so the password never lands in the command's stdin.
 */
final class SudoPasswordGate extends OutputStream {
    private final byte[] prompt;
    private final byte[] started;
    private final OutputStream stderr;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int prompts;
    private boolean commandStarted;
    private boolean finished;

    SudoPasswordGate(RemoteCommand.BecomeMarkers markers, OutputStream stderr) {
        this.prompt = markers.prompt().getBytes(StandardCharsets.UTF_8);
        this.started = (markers.started() + "\n").getBytes(StandardCharsets.UTF_8);
        this.stderr = stderr;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (commandStarted) {
            stderr.write(b, off, len);
            return;
        }
        pending.write(b, off, len);
        scan();
        notifyAll();
    }

    private void scan() throws IOException {
        byte[] buf = pending.toByteArray();
        int p;
        while ((p = indexOf(buf, prompt)) >= 0) {
            prompts++;
            buf = cut(buf, p, prompt.length);
        }
        int s = indexOf(buf, started);
        if (s >= 0) {
            stderr.write(buf, 0, s);
            stderr.write(buf, s + started.length, buf.length - s - started.length);
            commandStarted = true;
            buf = new byte[0];
        }
        pending.reset();
        pending.write(buf, 0, buf.length);
    }

    /** Passes on whatever came before a start marker that never arrived (sudo's own error lines). */
    synchronized void finish() throws IOException {
        if (!commandStarted && pending.size() > 0) {
            stderr.write(pending.toByteArray());
            pending.reset();
        }
        finished = true;
        notifyAll();
    }

    synchronized int prompts() { return prompts; }

    synchronized boolean commandStarted() { return commandStarted; }

    /** Waits up to millis for more stderr (a prompt, the start marker) or for finish(). */
    synchronized void awaitChange(long millis) throws InterruptedException {
        if (!finished && millis > 0) wait(millis);
    }

    private static byte[] cut(byte[] buf, int at, int len) {
        byte[] out = Arrays.copyOf(buf, buf.length - len);
        System.arraycopy(buf, at + len, out, at, buf.length - at - len);
        return out;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
