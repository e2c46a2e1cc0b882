package io.pgha.transport.ssh;

import io.pgha.transport.Connection;
import io.pgha.transport.ConnectionSpec;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.PortForward;
import io.pgha.transport.TransportException;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One host's SSH connection for the whole run: one authenticated session, one exec channel per
 * command (no PTY, env exported inline), SFTP for files, local port forwards. Thread-safe: any number
 * of threads may exec at once; at most MAX_CHANNELS channels are open together, since OpenSSH's
 * MaxSessions (10 by default) refuses more per connection. A session found dead is reopened once per
 * call (host rebooted, network blip), with the host key checked again.
 */
public final class SshConnection implements Connection {
    /** Below OpenSSH's default MaxSessions of 10, leaving room for the SFTP channel. */
    static final int MAX_CHANNELS = 8;
    private static final Duration CHANNEL_OPEN_LIMIT = Duration.ofSeconds(30);
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    /** Opens an authenticated session (SshConnector.openSession bound to this host's spec). */
    interface SessionOpener {
        ClientSession open() throws TransportException;
    }

    private final ConnectionSpec spec;
    private final SessionOpener opener;
    private final Semaphore channels = new Semaphore(MAX_CHANNELS, true);
    private final Object sessionLock = new Object();
    private final SecureRandom random = new SecureRandom();
    private final SftpFiles files;
    private final List<SshPortForward> forwards = new CopyOnWriteArrayList<>();
    private final BecomeShells shells;
    private volatile ClientSession session;
    private volatile boolean closed;

    SshConnection(ConnectionSpec spec, SessionOpener opener) throws TransportException {
        this(spec, opener, true);
    }

    /** becomeShells: run passwordless become commands through one long-lived sudo shell per user (BecomeShell). */
    SshConnection(ConnectionSpec spec, SessionOpener opener, boolean becomeShells) throws TransportException {
        this.spec = spec;
        this.opener = opener;
        this.session = opener.open();
        this.files = new SftpFiles(spec.hostName(), spec.user(), this::session, random);
        this.shells = becomeShells && spec.becomePassword() == null ? new BecomeShells(this::startShell) : null;
    }

    @Override
    public String hostName() {
        return spec.hostName();
    }

    /** The live session, reopened when it was lost. */
    ClientSession session() throws TransportException {
        ClientSession s = session;
        if (s != null && s.isOpen() && !s.isClosing()) return s;
        synchronized (sessionLock) {
            if (closed) throw new TransportException("the connection to " + spec.hostName() + " is closed");
            s = session;
            if (s != null && s.isOpen() && !s.isClosing()) return s;
            session = opener.open(); // SftpFiles notices its channel died with the old session

            return session;
        }
    }

    @Override
    public ExecResult exec(ExecRequest r) throws TransportException {
        long started = System.nanoTime();
        long deadline = r.timeout() == null ? NO_DEADLINE : started + r.timeout().toNanos();
        RemoteCommand.BecomeMarkers markers =
                r.become() && spec.becomePassword() != null ? RemoteCommand.BecomeMarkers.random(random) : null;
        String runId = HexFormat.of().toHexDigits(random.nextLong());
        if (shells != null && r.become() && r.stdin() == null) {
            BecomeShell shell = shells.claim(RemoteCommand.becomeUser(r));
            ExecResult viaShell = shell == null ? null : execInShell(shell, r, runId, started, deadline);
            if (viaShell != null) return viaShell; // null: the shell was gone and the command not sent
        }
        String wire;
        try {
            wire = RemoteCommand.build(r, markers, runId);
        } catch (IllegalArgumentException e) {
            throw new TransportException(spec.hostName() + ": " + e.getMessage());
        }
        LineCapture out = new LineCapture(r.outputLines());
        LineCapture err = new LineCapture(r.outputLines());
        SudoPasswordGate gate = markers == null ? null : new SudoPasswordGate(markers, err);

        acquireChannel(r, deadline);
        boolean released = false;
        ChannelExec ch = null;
        try {
            ch = openChannel(wire, out, gate != null ? gate : err, r, deadline);
            if (gate == null) {
                sendStdin(ch, r.stdin());
            } else {
                feedThroughSudo(ch, gate, r, deadline);
            }
            if (!awaitClosed(ch, deadline)) {
                stop(ch);
                channels.release();
                released = true;
                reap(r, runId);
                throw timeout(r);
            }
            if (gate != null) gate.finish();
            out.finish();
            err.finish();
            return result(ch, r, gate, out, err, started);
        } catch (IOException e) {
            if (ch != null) ch.close(true);
            throw new TransportException(spec.hostName() + ": running `" + RemoteCommand.preview(r.command())
                    + "` failed: " + e.getMessage(), e);
        } catch (TransportException | RuntimeException e) {
            if (ch != null) ch.close(true);
            throw e;
        } finally {
            if (!released) channels.release();
        }
    }

    /** The command's result through the user's become shell; null when the shell was gone before it was sent. */
    private ExecResult execInShell(BecomeShell shell, ExecRequest r, String runId, long started, long deadline)
            throws TransportException {
        ShellFrames.Frame f;
        try {
            f = shell.run(RemoteCommand.script(r, runId), deadline, r.outputLines(), this::exec);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shell.close();
            throw new TransportException(spec.hostName() + ": interrupted while `" + RemoteCommand.preview(r.command()) + "` ran");
        } catch (IllegalArgumentException e) {
            throw new TransportException(spec.hostName() + ": " + e.getMessage());
        } finally {
            shell.release();
        }
        if (f instanceof ShellFrames.Done done) {
            return new ExecResult(done.exitCode(), new String(done.stdout(), StandardCharsets.UTF_8),
                    new String(done.stderr(), StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - started));
        }
        shell.close();
        if (f instanceof ShellFrames.NotSent) return null; // nothing ran: the ordinary path (which reconnects) takes it
        if (f == null) {
            reap(r, runId);
            throw timeout(r);
        }
        throw new TransportException(spec.hostName() + ": the sudo shell running `" + RemoteCommand.preview(r.command())
                + "` as " + shell.user() + " ended before the command did (" + ((ShellFrames.Ended) f).why()
                + "); it may or may not have run: check the host, then re-run");
    }

    /** Opens a channel running BecomeShell.AGENT through sudo as user; null when sudo will not start it. */
    private BecomeShell startShell(String user) throws BecomeShells.Busy {
        if (!channels.tryAcquire()) throw new BecomeShells.Busy();
        ShellFrames frames = new ShellFrames();
        ChannelExec ch;
        try {
            String wire = RemoteCommand.build(ExecRequest.of(BecomeShell.AGENT).asBecome(true, user), null);
            ch = session().createExecChannel(wire, StandardCharsets.UTF_8, null, null);
        } catch (IOException | TransportException | RuntimeException e) {
            channels.release();
            return null;
        }
        ch.setUsePty(false);
        ch.setOut(frames);
        ch.setErr(OutputStream.nullOutputStream()); // sudo's refusal: the ordinary path reports it
        ch.addCloseFutureListener(closed -> {
            frames.ended("its channel closed");
            channels.release();
        });
        try {
            ch.open().verify(CHANNEL_OPEN_LIMIT);
            return BecomeShell.ready(user, ch, frames, Duration.ofSeconds(10), random);
        } catch (IOException | RuntimeException e) {
            ch.close(true);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ch.close(true);
            return null;
        }
    }

    private ExecResult result(ChannelExec ch, ExecRequest r, SudoPasswordGate gate, LineCapture out, LineCapture err,
                              long started) throws TransportException {
        Integer status = ch.getExitStatus();
        if (status == null) {
            String signal = ch.getExitSignal();
            throw new TransportException(spec.hostName() + ": `" + RemoteCommand.preview(r.command()) + "` ended"
                    + (signal != null ? " by signal " + signal : " without an exit status (the connection may have dropped)")
                    + (err.text().isBlank() ? "" : ": " + err.text().strip()));
        }
        String stderr = err.text();
        if (r.become() && status != 0) {
            if (gate == null && stderr.contains("sudo: a password is required")) {
                throw new TransportException("sudo on " + spec.hostName() + " needs a password: set"
                        + " ansible_become_password_env/_file or allow NOPASSWD for " + spec.user());
            }
            if (gate != null && !gate.commandStarted() && gate.prompts() > 0) {
                throw new TransportException("sudo on " + spec.hostName() + " rejected the become password"
                        + " (ansible_become_password_env/_file): " + stderr.strip());
            }
        }
        return new ExecResult(status, out.text(), stderr, Duration.ofNanos(System.nanoTime() - started));
    }

    private void acquireChannel(ExecRequest r, long deadline) throws TransportException {
        try {
            if (deadline == NO_DEADLINE) {
                channels.acquire();
            } else if (!channels.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw timeout(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(spec.hostName() + ": interrupted before `" + RemoteCommand.preview(r.command()) + "` ran");
        }
    }

    private ChannelExec openChannel(String wire, OutputStream out, OutputStream err, ExecRequest r, long deadline)
            throws IOException, TransportException {
        for (int attempt = 1; ; attempt++) {
            ChannelExec ch = session().createExecChannel(wire, StandardCharsets.UTF_8, null, null);
            ch.setUsePty(false);
            ch.setOut(out);
            ch.setErr(err);
            try {
                ch.open().verify(Duration.ofNanos(Math.min(CHANNEL_OPEN_LIMIT.toNanos(), remainingNanos(deadline))));
                return ch;
            } catch (IOException failure) {
                ch.close(true);
                // verify() wraps the refusal in an SshException; the reason code is on the cause.
                SshChannelOpenException e = openRefusal(failure);
                if (e == null) throw failure;
                // sshd's MaxSessions is lower than ours, or it has not yet freed the slot of a session we
                // saw close (OpenSSH answers "open failed", CONNECT_FAILED): wait a little and retry.
                boolean busy = e.getReasonCode() == SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED
                        || e.getReasonCode() == SshConstants.SSH_OPEN_CONNECT_FAILED;
                if (!busy || attempt >= 40 || remainingNanos(deadline) < TimeUnit.MILLISECONDS.toNanos(50)) {
                    throw new TransportException(spec.hostName() + ": the host refused a channel for `"
                            + RemoteCommand.preview(r.command()) + "`: " + e.getMessage()
                            + (busy ? " (too many at once for sshd's MaxSessions)" : ""), e);
                }
                sleep(Math.min(200, 10L * attempt));
            }
        }
    }

    private static SshChannelOpenException openRefusal(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SshChannelOpenException refusal) return refusal;
        }
        return null;
    }

    private static void sendStdin(ChannelExec ch, byte[] stdin) throws IOException {
        OutputStream in = ch.getInvertedIn();
        if (stdin != null && stdin.length > 0) {
            in.write(stdin);
            in.flush();
        }
        in.close(); // EOF: a command reading stdin ends instead of waiting forever
    }

    /**
     * Sends the become password only when sudo prompts, and the request's stdin once the command runs.
     * Returns early, sending nothing more, when the channel closed or the deadline passed.
     */
    private void feedThroughSudo(ChannelExec ch, SudoPasswordGate gate, ExecRequest r, long deadline)
            throws IOException, TransportException {
        int answered = 0;
        OutputStream in = ch.getInvertedIn();
        while (!gate.commandStarted()) {
            if (gate.prompts() > answered) {
                if (answered > 0) { // asked again: the password was wrong
                    stop(ch); // and sudo must not read the request's stdin as further attempts
                    throw new TransportException("sudo on " + spec.hostName() + " rejected the become password"
                            + " (ansible_become_password_env/_file)");
                }
                in.write((spec.becomePassword() + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                answered++;
                continue;
            }
            if (ch.isClosing() || ch.isClosed()) return;
            if (remainingNanos(deadline) <= 0) return; // exec() stops it and reports the timeout
            try {
                gate.awaitChange(Math.min(50, Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos(deadline)))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(ch);
                throw new TransportException(spec.hostName() + ": interrupted while `" + RemoteCommand.preview(r.command()) + "` ran");
            }
        }
        sendStdin(ch, r.stdin());
    }

    /** False when the deadline passed first. */
    private static boolean awaitClosed(ChannelExec ch, long deadline) {
        long millis = deadline == NO_DEADLINE ? Duration.ofDays(3650).toMillis()
                : Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos(deadline)));
        Set<ClientChannelEvent> events = ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), millis);
        return events.contains(ClientChannelEvent.CLOSED);
    }

    /** After a timeout: stops what the command left running (as the same user), best effort. */
    private void reap(ExecRequest r, String runId) {
        try {
            exec(ExecRequest.of(RemoteCommand.reapScript(runId)).asBecome(r.become(), r.becomeUser())
                    .withTimeout(Duration.ofSeconds(15)));
        } catch (TransportException | RuntimeException ignored) {
            // the timeout is reported either way
        }
    }

    /** Asks sshd to signal the command (TERM; sudo relays it), then closes the channel without waiting. */
    private static void stop(ChannelExec ch) {
        try {
            Buffer b = ch.getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
            b.putUInt(ch.getRecipient());
            b.putString("signal");
            b.putBoolean(false);
            b.putString("TERM");
            ch.writePacket(b);
        } catch (IOException | RuntimeException ignored) {
            // best effort: the close below still ends the channel
        }
        ch.close(false);
    }

    private TransportException timeout(ExecRequest r) {
        long secs = r.timeout() == null ? 0 : r.timeout().toSeconds();
        return new TransportException(spec.hostName() + ": timed out after " + secs + " s: `"
                + RemoteCommand.preview(r.command()) + "` (the command was stopped)");
    }

    private static long remainingNanos(long deadline) {
        return deadline == NO_DEADLINE ? Long.MAX_VALUE : deadline - System.nanoTime();
    }

    private static void sleep(long millis) throws java.io.InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    @Override
    public void upload(byte[] content, String remotePath, int mode) throws TransportException {
        files.upload(content, remotePath, mode);
    }

    @Override
    public byte[] download(String remotePath) throws TransportException {
        return files.download(remotePath);
    }

    @Override
    public PortForward forward(String remoteHost, int remotePort) throws TransportException {
        try {
            ExplicitPortForwardingTracker t = session().createLocalPortForwardingTracker(
                    new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress(remoteHost, remotePort));
            SshPortForward f = new SshPortForward(t, forwards::remove);
            forwards.add(f);
            return f;
        } catch (IOException e) {
            throw new TransportException(spec.hostName() + ": cannot forward a local port to " + remoteHost + ":"
                    + remotePort + " through SSH: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (sessionLock) {
            if (closed) return;
            closed = true;
        }
        if (shells != null) shells.closeAll();
        for (SshPortForward f : forwards) f.close();
        files.close();
        ClientSession s = session;
        if (s != null && !s.close(false).await(Duration.ofSeconds(5))) s.close(true);
    }
}
