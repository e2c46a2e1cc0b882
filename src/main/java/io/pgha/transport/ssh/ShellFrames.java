package io.pgha.transport.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads what a become shell (BecomeShell.AGENT) prints on its stdout and turns it into frames:
 * {@code R <dir>} once it is ready, then per command {@code D <exit>}, the byte sizes of the
 * command's stdout and stderr on one line each, and those bytes. Command output never reaches this
 * stream unframed, so nothing a command prints can be mistaken for a frame. Written by the SSH I/O
 * thread; the caller takes frames from a queue.
 */
final class ShellFrames extends OutputStream {
    sealed interface Frame permits Ready, Done, Ended, NotSent {}

    record Ready(String workDir) implements Frame {}

    record Done(int exitCode, byte[] stdout, byte[] stderr) implements Frame {}

    /** The shell's channel closed (or it printed something that is not a frame). */
    record Ended(String why) implements Frame {}

    /** The command could not even be written to the shell (its channel was gone): it did not run. */
    record NotSent(String why) implements Frame {}

    private enum State { HEADER, SIZES, BODY, BROKEN }

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private State state = State.HEADER;
    private int exitCode;
    private long[] sizes = new long[2];
    private int sizesRead;

    @Override
    public synchronized void write(int b) {
        take((byte) b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) take(b[i]);
    }

    private void take(byte b) {
        switch (state) {
            case HEADER, SIZES -> {
                if (b != '\n') {
                    line.write(b);
                    return;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (state == State.HEADER) header(text);
                else size(text);
            }
            case BODY -> {
                body.write(b);
                if (body.size() == sizes[0] + sizes[1]) done();
            }
            case BROKEN -> { }
        }
    }

    private void header(String text) {
        if (text.startsWith("R ")) {
            frames.add(new Ready(text.substring(2)));
        } else if (text.startsWith("D ") && text.substring(2).matches("\\d{1,3}")) {
            exitCode = Integer.parseInt(text.substring(2));
            sizesRead = 0;
            state = State.SIZES;
        } else {
            broken("unexpected output from the become shell: " + RemoteCommand.preview(text));
        }
    }

    private void size(String text) {
        if (!text.matches("\\d{1,12}")) {
            broken("unexpected size from the become shell: " + RemoteCommand.preview(text));
            return;
        }
        sizes[sizesRead++] = Long.parseLong(text);
        if (sizesRead < 2) return;
        if (sizes[0] + sizes[1] > Integer.MAX_VALUE - 16) {
            broken("a command printed more than 2 GB");
            return;
        }
        body.reset();
        state = State.BODY;
        if (sizes[0] + sizes[1] == 0) done();
    }

    private void done() {
        byte[] all = body.toByteArray();
        int n = (int) sizes[0];
        byte[] out = java.util.Arrays.copyOfRange(all, 0, n);
        byte[] err = java.util.Arrays.copyOfRange(all, n, all.length);
        body.reset();
        state = State.HEADER;
        frames.add(new Done(exitCode, out, err));
    }

    private void broken(String why) {
        state = State.BROKEN;
        frames.add(new Ended(why));
    }

    /** Called when the channel closed: whoever waits learns the shell is gone. */
    void ended(String why) {
        frames.add(new Ended(why));
    }

    /** The next frame, or null when none came within the wait. */
    Frame next(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS);
    }
}
