package io.pgha.testing;

import io.pgha.transport.Connection;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.PortForward;
import io.pgha.transport.TransportException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Connection to a lab node through `docker exec` as the login user 'pgha' (with sudo for become),
 * for module tests that must not depend on the SSH transport. The node is real; only the pipe differs.
 */
public final class DockerExecConnection implements Connection {
    private final String host;
    private final String container;

    public DockerExecConnection(String host, String container) {
        this.host = host;
        this.container = container;
    }

    @Override public String hostName() { return host; }

    @Override
    public ExecResult exec(ExecRequest r) throws TransportException {
        StringBuilder script = new StringBuilder();
        for (Map.Entry<String, String> e : r.env().entrySet()) {
            script.append("export ").append(e.getKey()).append('=').append(quote(e.getValue())).append("; ");
        }
        script.append(r.command());
        String cmd = script.toString();
        if (r.become()) {
            cmd = "sudo -n -H -u " + (r.becomeUser() == null ? "root" : r.becomeUser()) + " -- /bin/sh -c " + quote(cmd);
        }
        List<String> argv = new ArrayList<>(List.of("docker", "exec", "-i", "-u", "pgha", "-w", "/home/pgha", container, "/bin/sh", "-c", cmd));
        long t0 = System.nanoTime();
        try {
            Process p = new ProcessBuilder(argv).start();
            try (OutputStream os = p.getOutputStream()) {
                if (r.stdin() != null) os.write(r.stdin());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread te = new Thread(() -> copy(p.getErrorStream(), err));
            te.start();
            copy(p.getInputStream(), out);
            long timeoutMs = r.timeout() == null ? Long.MAX_VALUE : r.timeout().toMillis();
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new TransportException("command timed out on " + host);
            }
            te.join();
            String stdout = out.toString(StandardCharsets.UTF_8);
            if (r.outputLines() != null) stdout.lines().forEach(r.outputLines());
            return new ExecResult(p.exitValue(), stdout, err.toString(StandardCharsets.UTF_8),
                    Duration.ofNanos(System.nanoTime() - t0));
        } catch (IOException e) {
            throw new TransportException("docker exec failed on " + host + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted", e);
        }
    }

    @Override
    public void upload(byte[] content, String remotePath, int mode) throws TransportException {
        String tmp = remotePath + ".pgha-tmp";
        ExecResult r = exec(ExecRequest.of("cat > " + quote(tmp) + " && chmod " + Integer.toOctalString(mode) + " "
                + quote(tmp) + " && mv -f " + quote(tmp) + " " + quote(remotePath)).withStdin(content));
        if (!r.ok()) throw new TransportException("upload to " + remotePath + " on " + host + " failed: " + r.stderr());
    }

    @Override
    public byte[] download(String remotePath) throws TransportException {
        ExecResult r = exec(ExecRequest.of("base64 " + quote(remotePath)));
        if (!r.ok()) throw new TransportException("download of " + remotePath + " on " + host + " failed: " + r.stderr());
        return java.util.Base64.getMimeDecoder().decode(r.stdout());
    }

    @Override
    public PortForward forward(String remoteHost, int remotePort) throws TransportException {
        throw new TransportException("port forwarding is not available through docker exec");
    }

    @Override public void close() {}

    private static void copy(InputStream in, OutputStream out) {
        try (in) { in.transferTo(out); } catch (IOException ignored) { /* process ended */ }
    }

    static String quote(String s) { return "'" + s.replace("'", "'\"'\"'") + "'"; }
}
