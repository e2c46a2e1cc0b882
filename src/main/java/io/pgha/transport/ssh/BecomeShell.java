package io.pgha.transport.ssh;

import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.TransportException;
import org.apache.sshd.client.channel.ChannelExec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One long-lived shell started once through sudo for one become user, which then runs become
 * commands one at a time: sudo (PAM, a logind session, syslog) and a channel per command cost about
 * 15 ms on a host, which this pays once per run instead of once per task.
 *
 * <p>Each command is written as a script file into a private temporary folder (0700 from mktemp -d;
 * commands keep sudo's umask) and run by its own /bin/sh with stdin from /dev/null, stdout and stderr
 * into files, removed after each command (a daemon the command started writes on into the unlinked
 * file, never into the next command's output); the shell then prints a frame
 * with the exit code and the exact bytes of both (see ShellFrames). While a long command runs, its
 * new output is read every two seconds through an ordinary become exec so progress still shows.
 * A timeout closes the shell (a new one starts on the next command) and the caller stops what the
 * command left running, as for any command.
 */
final class BecomeShell implements AutoCloseable {
    /** The shell's program, run as `sudo -n -H -u USER -- /bin/sh -c AGENT`. */
    static final String AGENT = """
            d=$(mktemp -d "/tmp/pgha-shell.XXXXXX") || exit 1
            trap 'rm -rf "$d"' EXIT
            trap 'exit 143' TERM HUP INT PIPE
            echo "R $d"
            while IFS= read -r end; do
              while IFS= read -r l && [ "$l" != "$end" ]; do printf '%s\\n' "$l"; done >"$d/c"
              /bin/sh "$d/c" </dev/null >"$d/o" 2>"$d/e"
              echo "D $?"
              stat -c %s "$d/o" "$d/e"
              cat "$d/o" "$d/e"
              rm -f "$d/o" "$d/e"
            done
            """;

    static final long POLL_MILLIS = 2000;
    private static final int POLL_CHUNK = 1 << 20;

    /** An ordinary exec (own channel, own sudo), for reading a running command's output. */
    interface DirectExec {
        ExecResult exec(ExecRequest r) throws TransportException;
    }

    private final String user;
    private final ChannelExec channel;
    private final ShellFrames frames;
    private final String workDir;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final SecureRandom random;

    private BecomeShell(String user, ChannelExec channel, ShellFrames frames, String workDir, SecureRandom random) {
        this.user = user;
        this.channel = channel;
        this.frames = frames;
        this.workDir = workDir;
        this.random = random;
    }

    /** Waits for the shell started on channel to say it is ready; null (channel closed) when it does not. */
    static BecomeShell ready(String user, ChannelExec channel, ShellFrames frames, Duration wait, SecureRandom random)
            throws InterruptedException {
        ShellFrames.Frame f = frames.next(wait.toMillis());
        if (f instanceof ShellFrames.Ready r && r.workDir().startsWith("/tmp/pgha-shell.")) {
            return new BecomeShell(user, channel, frames, r.workDir(), random);
        }
        channel.close(true); // sudo refused (a password is required, not allowed), or no answer
        return null;
    }

    String user() { return user; }

    boolean alive() { return channel.isOpen() && !channel.isClosing(); }

    /** Claims the shell for one command; false when another thread is using it. */
    boolean tryClaim() { return busy.compareAndSet(false, true); }

    void release() { busy.set(false); }

    /**
     * Runs script; returns its Done frame, NotSent when the shell was gone before the command was
     * sent, Ended when the shell died under it, or null when the deadline (System.nanoTime based,
     * Long.MAX_VALUE for none) passed first.
     */
    ShellFrames.Frame run(String script, long deadline, Consumer<String> lines, DirectExec direct)
            throws TransportException, InterruptedException {
        String end = "pgha-end-" + HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
        try {
            OutputStream in = channel.getInvertedIn();
            in.write((end + "\n" + script + "\n" + end + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            close();
            return new ShellFrames.NotSent(e.getMessage());
        }
        OutputProgress progress = lines == null ? null : new OutputProgress(lines);
        long nextPoll = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
        while (true) {
            long now = System.nanoTime();
            long untilDeadline = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - now;
            if (untilDeadline <= 0) return null;
            long wait = progress == null ? untilDeadline : Math.min(untilDeadline, Math.max(0, nextPoll - now));
            ShellFrames.Frame f = frames.next(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
            if (f instanceof ShellFrames.Done done) {
                if (progress != null) progress.finish(done);
                return done;
            }
            if (f != null) return f; // Ended (Ready never comes twice)
            if (progress != null && System.nanoTime() >= nextPoll) {
                progress.poll(direct);
                nextPoll = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
            }
        }
    }

    @Override
    public void close() {
        channel.close(true);
    }

    /** Hands a running command's output lines to the listener: read from its files while it runs, the rest at the end. */
    private final class OutputProgress {
        private final LineCapture out;
        private final LineCapture err;
        private long outSeen;
        private long errSeen;
        private boolean polling = true;

        OutputProgress(Consumer<String> lines) {
            this.out = new LineCapture(lines);
            this.err = new LineCapture(lines);
        }

        void poll(DirectExec direct) {
            if (!polling) return;
            try {
                ExecResult r = direct.exec(ExecRequest.of(pollScript(workDir, outSeen, errSeen, POLL_CHUNK))
                        .asBecome(true, user).withTimeout(Duration.ofSeconds(10)));
                String[] parts = r.stdout().split("\n", -1);
                if (!r.ok() || parts.length < 2) {
                    polling = false;
                    return;
                }
                byte[] o = Base64.getDecoder().decode(parts[0].strip());
                byte[] e = Base64.getDecoder().decode(parts[1].strip());
                out.write(o, 0, o.length);
                err.write(e, 0, e.length);
                outSeen += o.length;
                errSeen += e.length;
            } catch (TransportException | RuntimeException e) {
                polling = false; // progress is a courtesy; the command's result still comes
            }
        }

        void finish(ShellFrames.Done done) {
            feed(out, done.stdout(), outSeen);
            feed(err, done.stderr(), errSeen);
        }

        private static void feed(LineCapture c, byte[] all, long seen) {
            int from = (int) Math.min(seen, all.length);
            c.write(all, from, all.length - from);
            c.finish();
        }
    }

    /** Prints, base64 on one line each, what the command's stdout and stderr files hold past the given offsets. */
    static String pollScript(String dir, long outSeen, long errSeen, int chunk) {
        return "cd " + RemoteCommand.quote(dir) + " || exit 1; "
                + "tail -c +" + (outSeen + 1) + " o | head -c " + chunk + " | base64 -w0; echo; "
                + "tail -c +" + (errSeen + 1) + " e | head -c " + chunk + " | base64 -w0; echo";
    }
}
