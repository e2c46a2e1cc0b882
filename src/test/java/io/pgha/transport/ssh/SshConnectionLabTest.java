package io.pgha.transport.ssh;

import io.pgha.testing.LabFixture;
import io.pgha.transport.Connection;
import io.pgha.transport.ConnectionSpec;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.PortForward;
import io.pgha.transport.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.pgha.testing.NodeScripts.awaitOnNode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SSH transport against the real lab node db06 (real sshd, sudo, SFTP). */
@Tag("lab")
class SshConnectionLabTest {
    static final String HOST = LabFixture.DB06;
    static LabFixture lab;
    static SshConnector connector;
    static Connection conn;
    static String dir; // a scratch folder on the node owned by the login user

    @BeforeAll
    static void connect() throws Exception {
        lab = LabFixture.get();
        connector = new SshConnector();
        conn = connector.connect(lab.spec(HOST));
        dir = "/tmp/transport-test-" + Long.toHexString(System.nanoTime());
        lab.sh(HOST, "install -d -o pgha -g pgha -m 0755 " + dir);
    }

    @AfterAll
    static void close() throws Exception {
        if (lab != null && dir != null) lab.sh(HOST, "rm -rf " + dir);
        if (conn != null) conn.close();
        if (connector != null) connector.close();
    }

    static ExecResult run(String command) throws TransportException {
        return conn.exec(ExecRequest.of(command));
    }

    @Test
    void execReturnsExitCodeStdoutAndStderr() throws Exception {
        ExecResult r = run("echo out; echo err >&2; exit 7");
        assertEquals(7, r.exitCode());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
        ExecResult ok = run("printf '%s' \"$(hostname)\" | tr a-z A-Z");
        assertEquals(0, ok.exitCode());
        assertEquals("DB06", ok.stdout());
    }

    @Test
    void execHasAnEffectOnTheNode() throws Exception {
        String f = dir + "/touched";
        assertEquals(0, run("echo made-by-ssh > " + f).exitCode());
        assertEquals("made-by-ssh\n", lab.sh(HOST, "cat " + f));
    }

    @Test
    void becomeRunsAsRootAndAsAnotherUser() throws Exception {
        assertEquals("pgha\n", run("id -un").stdout());
        ExecResult root = conn.exec(ExecRequest.of("id -u; echo $HOME").asBecome(true, null));
        assertEquals("0\n/root\n", root.stdout());
        ExecResult nobody = conn.exec(ExecRequest.of("id -un").asBecome(true, "nobody"));
        assertEquals("nobody\n", nobody.stdout());
        // a file written with become is root's on the node
        String f = dir + "/rootfile";
        assertEquals(0, conn.exec(ExecRequest.of("echo x > " + f).asBecome(true, null)).exitCode());
        assertEquals("root\n", lab.sh(HOST, "stat -c %U " + f));
    }

    @Test
    void envIsExportedWithAndWithoutBecome() throws Exception {
        Map<String, String> env = Map.of("PGHA_A", "it's a \"value\" $HOME", "PGHA_B", "two");
        ExecResult r = conn.exec(ExecRequest.of("printf '%s|%s' \"$PGHA_A\" \"$PGHA_B\"").withEnv(env));
        assertEquals("it's a \"value\" $HOME|two", r.stdout());
        ExecResult b = conn.exec(ExecRequest.of("printf '%s|%s' \"$PGHA_B\" \"$(id -un)\"").withEnv(env).asBecome(true, "nobody"));
        assertEquals("two|nobody", b.stdout());
    }

    @Test
    void stdinIsFedAndClosed() throws Exception {
        assertEquals("hello\nworld\n", conn.exec(ExecRequest.of("cat").withStdin("hello\nworld\n".getBytes())).stdout());
        // no stdin: the command sees EOF at once instead of hanging
        assertEquals("0\n", conn.exec(ExecRequest.of("wc -c").withTimeout(Duration.ofSeconds(10))).stdout().strip() + "\n");
        // large stdin (more than one SSH window's worth of packets) arrives intact, also through sudo
        byte[] big = new byte[3 * 1024 * 1024];
        new java.util.Random(42).nextBytes(big);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big));
        ExecResult r = conn.exec(ExecRequest.of("sha256sum | cut -d' ' -f1").withStdin(big).asBecome(true, null));
        assertEquals(sha + "\n", r.stdout());
    }

    @Test
    void outputLinesStreamAsTheyArrive() throws Exception {
        // The command goes on to "three" only once the test has seen "one" (and marked it on the node): it ends
        // well only if that line came while the command still ran, not at its end.
        String seenOne = dir + "/seen-one";
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecResult r = conn.exec(ExecRequest.of("echo one; echo two >&2; " + awaitOnNode("[ -e " + seenOne + " ]") + "; printf three")
                .onOutput(l -> {
                    lines.add(l);
                    if (l.equals("one")) lab.sh(HOST, "touch " + seenOne);
                }));
        assertEquals(0, r.exitCode(), "the first line did not arrive while the command ran: " + r.stderr());
        assertEquals(List.of("one", "two", "three"), lines);
        assertEquals("one\nthree", r.stdout());
        assertEquals("two\n", r.stderr());
    }

    @Test
    void timeoutStopsTheCommandAndNamesIt() throws Exception {
        long t0 = System.nanoTime();
        TransportException e = assertThrows(TransportException.class,
                () -> conn.exec(ExecRequest.of("sleep 317").withTimeout(Duration.ofSeconds(1))));
        long took = System.nanoTime() - t0;
        // The bound is the point: it returned, and did not wait for the 317 s sleep; 30 s leaves a loaded machine room.
        assertTrue(took < Duration.ofSeconds(30).toNanos(), "returned after " + took / 1_000_000 + " ms");
        assertTrue(e.getMessage().contains("db06") && e.getMessage().contains("1 s") && e.getMessage().contains("sleep 317"),
                e.getMessage());
        // the remote process is gone too
        assertEquals(1, lab.shStatus(HOST, "pgrep -f '^sleep 317'"));
        // and the connection still works
        assertEquals(0, run("true").exitCode());
    }

    @Test
    void timeoutStopsChildrenOfABecomeCommandToo() throws Exception {
        // sudo and sh do not pass a signal on to grandchildren: the transport must find them itself.
        assertThrows(TransportException.class, () -> conn.exec(ExecRequest.of("echo start; sleep 318; echo never")
                .asBecome(true, null).withTimeout(Duration.ofSeconds(1))));
        assertThrows(TransportException.class, () -> conn.exec(ExecRequest.of("sleep 319 & sleep 320; wait")
                .asBecome(true, "nobody").withTimeout(Duration.ofSeconds(1))));
        assertEquals(1, lab.shStatus(HOST, "pgrep -f '^sleep 3(18|19|20)'"));
    }

    @Test
    void twentyConcurrentExecsOnOneConnection() throws Exception {
        // Each command logs its start, waits on the node until MAX_CHANNELS commands have started (run one
        // after another they never would), then logs its end. A fresh connection: no become shell holds a channel.
        int wide = SshConnection.MAX_CHANNELS;
        String log = dir + "/concurrent.log";
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try (SshConnector own = new SshConnector(); Connection c = own.connect(lab.spec(HOST))) {
            List<Future<ExecResult>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                Callable<ExecResult> exec = () -> c.exec(ExecRequest.of("echo start >> " + log + "; "
                        + awaitOnNode("[ $(grep -c start " + log + ") -ge " + wide + " ]") + "; echo end >> " + log + "; echo " + n));
                results.add(pool.submit(exec));
            }
            for (int i = 0; i < 20; i++) {
                ExecResult r = results.get(i).get();
                assertEquals(0, r.exitCode(), r.stderr());
                assertEquals(i + "\n", r.stdout());
            }
            // side by side: MAX_CHANNELS at once, never more (the connection stays below sshd's MaxSessions)
            assertEquals(wide, mostAtOnce(lab.sh(HOST, "cat " + log)));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The most commands running together, from a log of their "start" and "end" lines. */
    static int mostAtOnce(String log) {
        int running = 0, most = 0;
        for (String line : log.split("\n")) {
            running += line.equals("start") ? 1 : line.equals("end") ? -1 : 0;
            most = Math.max(most, running);
        }
        return most;
    }

    @Test
    void uploadWritesContentAndModeAtomically() throws Exception {
        String target = dir + "/secret.conf";
        conn.upload("first\n".getBytes(), target, 0600);
        assertEquals("first\n", lab.sh(HOST, "cat " + target));
        assertEquals("600\n", lab.sh(HOST, "stat -c %a " + target));
        // overwrite an existing file with another mode; no temporary file is left behind
        byte[] all = new byte[256 * 1024 + 17];
        for (int i = 0; i < all.length; i++) all[i] = (byte) i;
        conn.upload(all, target, 0640);
        assertEquals("640\n", lab.sh(HOST, "stat -c %a " + target));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all)) + "\n",
                lab.sh(HOST, "sha256sum " + target + " | cut -d' ' -f1"));
        assertEquals("secret.conf\n", lab.sh(HOST, "ls -A " + dir + " | grep secret"));
        assertEquals(1, lab.shStatus(HOST, "ls -A " + dir + " | grep -q pgha-"));
    }

    @Test
    void uploadWhereTheLoginUserCannotWriteFailsClearly() throws Exception {
        TransportException e = assertThrows(TransportException.class, () -> conn.upload("x".getBytes(), "/etc/pgha-transport-test", 0644));
        assertTrue(e.getMessage().contains("db06") && e.getMessage().contains("permission denied"), e.getMessage());
        assertEquals(1, lab.shStatus(HOST, "ls -A /etc | grep -q 'pgha-transport-test'"));
    }

    @Test
    void downloadReadsTheWholeFile() throws Exception {
        String f = dir + "/bytes.bin";
        lab.sh(HOST, "head -c 300000 /dev/urandom > " + f + " && chown pgha " + f);
        String sha = lab.sh(HOST, "sha256sum " + f + " | cut -d' ' -f1").strip();
        byte[] got = conn.download(f);
        assertEquals(300000, got.length);
        assertEquals(sha, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(got)));
        assertThrows(TransportException.class, () -> conn.download(dir + "/missing"));
    }

    @Test
    void uploadThenDownloadRoundTrip() throws Exception {
        byte[] data = "round\u00e9trip\n".getBytes(StandardCharsets.UTF_8);
        conn.upload(data, dir + "/rt", 0644);
        assertArrayEquals(data, conn.download(dir + "/rt"));
    }

    @Test
    void portForwardReachesTheNodesOwnSshd() throws Exception {
        int port;
        try (PortForward f = conn.forward("127.0.0.1", 22)) {
            port = f.localPort();
            assertTrue(port > 0);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                byte[] banner = new byte[8];
                int n = 0;
                while (n < banner.length) {
                    int k = in.read(banner, n, banner.length - n);
                    if (k < 0) break;
                    n += k;
                }
                assertEquals("SSH-2.0-", new String(banner, 0, n, StandardCharsets.US_ASCII));
            }
        }
        try (Socket s = new Socket()) {
            assertThrows(java.io.IOException.class, () -> s.connect(new InetSocketAddress("127.0.0.1", port), 2000),
                    "closed forward stops listening");
        }
    }

    @Test
    void lostSessionIsReopened() throws Exception {
        try (SshConnector own = new SshConnector(); Connection c = own.connect(lab.spec(HOST))) {
            SshConnection ssh = (SshConnection) c;
            var first = ssh.session();
            first.close(true);
            assertEquals("db06\n", c.exec(ExecRequest.of("hostname")).stdout());
            assertNotEquals(first, ssh.session());
        }
    }

    @Test
    void becomePasswordIsNotFedToTheCommandWhenSudoDoesNotAsk() throws Exception {
        // The lab's sudo needs no password: the configured one must not end up in the command's stdin.
        ConnectionSpec s = lab.spec(HOST);
        ConnectionSpec withPassword = new ConnectionSpec(s.hostName(), s.address(), s.port(), s.user(), s.privateKey(),
                null, s.knownHosts(), false, s.connectTimeout(), "not-the-real-one");
        try (SshConnector own = new SshConnector(); Connection c = own.connect(withPassword)) {
            ExecResult r = c.exec(ExecRequest.of("id -u; cat").asBecome(true, null).withStdin("payload\n".getBytes()));
            assertEquals("0\npayload\n", r.stdout());
            assertEquals("", r.stderr());
            ExecResult err = c.exec(ExecRequest.of("echo oops >&2; exit 3").asBecome(true, "nobody"));
            assertEquals(3, err.exitCode());
            assertEquals("oops\n", err.stderr());
        }
    }
}
