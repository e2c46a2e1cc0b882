package io.pgha.transport.ssh;

import io.pgha.testing.LabFixture;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.pgha.testing.NodeScripts.awaitOnNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Become commands through one long-lived sudo shell per user (BecomeShell), on the real node db06:
 * the same results as a sudo per command, byte for byte, with the shell really reused.
 */
@Tag("lab")
class BecomeShellLabTest {
    static final String HOST = LabFixture.DB06;
    static LabFixture lab;
    static SshConnector connector;
    static SshConnection shared;   // become shells on
    static SshConnection perCommand; // PGHA_BECOME_SHELL=off
    static String dir; // root's scratch folder on the node, for markers that order events

    @BeforeAll
    static void connect() throws Exception {
        lab = LabFixture.get();
        connector = new SshConnector();
        shared = connector.connect(lab.spec(HOST), true);
        perCommand = connector.connect(lab.spec(HOST), false);
        dir = "/tmp/become-shell-test-" + Long.toHexString(System.nanoTime());
        lab.sh(HOST, "install -d -m 0700 " + dir);
    }

    @AfterAll
    static void close() throws Exception {
        if (lab != null && dir != null) lab.sh(HOST, "rm -rf " + dir);
        if (shared != null) shared.close();
        if (perCommand != null) perCommand.close();
        if (connector != null) connector.close();
    }

    static ExecResult root(SshConnection c, String command) throws TransportException {
        return c.exec(ExecRequest.of(command).asBecome(true, null));
    }

    /** The process that ran the command's shell: the same one each time when the shell is reused. */
    static String parent(SshConnection c, String user) throws TransportException {
        return c.exec(ExecRequest.of("echo $PPID; tr '\\0' ' ' </proc/$PPID/cmdline").asBecome(true, user)).stdout();
    }

    @Test
    void becomeCommandsOfOneUserShareOneSudoShell() throws Exception {
        String first = parent(shared, null);
        assertTrue(first.contains("pgha-shell"), "not run by the become shell: " + first);
        assertEquals(first, parent(shared, null));
        String nobody = parent(shared, "nobody");
        assertNotEquals(first, nobody, "each user has its own shell");
        assertEquals(nobody, parent(shared, "nobody"));
        assertEquals("nobody\n", shared.exec(ExecRequest.of("id -un").asBecome(true, "nobody")).stdout());
        // without it every command has its own sudo
        assertNotEquals(parent(perCommand, null), parent(perCommand, null));
    }

    @Test
    void resultsAreTheSameAsWithASudoPerCommand() throws Exception {
        String[] commands = {
            "printf 'a\\nb'; printf 'no newline' >&2; exit 3",           // no trailing newlines, exit code
            "printf 'z\\303\\251\\n'; echo; echo",                         // UTF-8, empty lines
            "printf 'D 0\\n0\\n0\\nR /tmp/x\\n'",                           // output that looks like frames
            "head -c 300000 /dev/zero | tr '\\0' x; echo",                  // more than one SSH window
            "echo \"$HOME $(id -u) $(pwd) ${PGHA_X:-unset}\"; cat",         // environment, cwd, stdin is empty
        };
        for (String c : commands) {
            ExecResult a = root(shared, c);
            ExecResult b = root(perCommand, c);
            assertEquals(b.stdout(), a.stdout(), c);
            assertEquals(b.stderr(), a.stderr(), c);
            assertEquals(b.exitCode(), a.exitCode(), c);
        }
        ExecResult env = shared.exec(ExecRequest.of("echo \"$PGHA_X\"").withEnv(java.util.Map.of("PGHA_X", "it's")).asBecome(true, null));
        assertEquals("it's\n", env.stdout());
    }

    @Test
    void nothingLeaksFromOneCommandToTheNext() throws Exception {
        assertEquals(0, root(shared, "cd /; export PGHA_LEAK=1; umask 000; exit 0").exitCode());
        assertEquals(root(perCommand, "pwd; echo ${PGHA_LEAK:-none}; umask").stdout(),
                root(shared, "pwd; echo ${PGHA_LEAK:-none}; umask").stdout());
    }

    @Test
    void aBackgroundProcessNeverWritesIntoALaterCommandsOutput() throws Exception {
        // The background process writes only once the next command runs, and that command ends only after
        // the writes: they fall inside the next command, whatever the timing.
        String nextRuns = dir + "/next-runs", written = dir + "/late-written";
        assertEquals("started\n", root(shared, "(" + awaitOnNode("[ -e " + nextRuns + " ]") + "; echo late; echo late >&2; touch "
                + written + ") & echo started").stdout());
        ExecResult next = root(shared, "touch " + nextRuns + "; " + awaitOnNode("[ -e " + written + " ]") + "; echo next");
        assertEquals(0, next.exitCode(), "the background process did not write while the next command ran: " + next.stderr());
        assertEquals("next\n", next.stdout());
        assertEquals("", next.stderr());
    }

    @Test
    void outputLinesOfALongCommandArriveWhileItRuns() throws Exception {
        // The command goes on to "three" only once the test has seen "one" and "two" (marked on the node): it
        // ends well only if both came while it ran (read from its files every two seconds), not at its end.
        String seenOne = dir + "/seen-one", seenTwo = dir + "/seen-two";
        List<String> lines = new CopyOnWriteArrayList<>();
        ExecResult r = shared.exec(ExecRequest.of("echo one; echo two >&2; "
                        + awaitOnNode("[ -e " + seenOne + " ] && [ -e " + seenTwo + " ]") + "; printf three").asBecome(true, null)
                .onOutput(l -> {
                    lines.add(l);
                    if (l.equals("one")) lab.sh(HOST, "touch " + seenOne);
                    if (l.equals("two")) lab.sh(HOST, "touch " + seenTwo);
                }));
        assertEquals(0, r.exitCode(), "the first lines came only at the end: " + r.stderr());
        assertEquals("one\nthree", r.stdout());
        assertEquals("two\n", r.stderr());
        assertEquals(List.of("one", "two", "three"), lines.stream().sorted((x, y) -> order(x) - order(y)).toList());
    }

    private static int order(String l) {
        return List.of("one", "two", "three").indexOf(l);
    }

    @Test
    void aTimeoutStopsTheCommandAndTheNextCommandGetsANewShell() throws Exception {
        String before = parent(shared, null);
        TransportException e = assertThrows(TransportException.class,
                () -> shared.exec(ExecRequest.of("sleep 321").asBecome(true, null).withTimeout(Duration.ofSeconds(1))));
        assertTrue(e.getMessage().contains("timed out after 1 s") && e.getMessage().contains("sleep 321"), e.getMessage());
        assertEquals(1, lab.shStatus(HOST, "pgrep -f '^sleep 321'"), "the timed-out command still runs");
        String after = parent(shared, null);
        assertTrue(after.contains("pgha-shell"), after);
        assertNotEquals(before, after);
    }

    @Test
    void aUserSudoWillNotServeGetsTheOrdinaryError() throws Exception {
        ExecResult a = shared.exec(ExecRequest.of("true").asBecome(true, "no-such-user"));
        ExecResult b = perCommand.exec(ExecRequest.of("true").asBecome(true, "no-such-user"));
        assertEquals(b.exitCode(), a.exitCode());
        assertTrue(a.stderr().contains("no-such-user"), a.stderr());
    }

    @Test
    void concurrentBecomeCommandsAllGetTheirOwnResults() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<ExecResult>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                results.add(pool.submit(() -> root(shared, "sleep 0.2; echo " + n + "; echo e" + n + " >&2")));
            }
            for (int i = 0; i < 12; i++) {
                ExecResult r = results.get(i).get();
                assertEquals(i + "\n", r.stdout());
                assertEquals("e" + i + "\n", r.stderr());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLostSessionGetsANewShell() throws Exception {
        try (SshConnector own = new SshConnector(); SshConnection c = own.connect(lab.spec(HOST), true)) {
            String before = parent(c, null);
            c.session().close(true); // network blip, sshd restarted
            String after = parent(c, null);
            assertTrue(after.contains("pgha-shell"), after);
            assertNotEquals(before, after);
        }
    }

    @Test
    void theShellLeavesNothingBehind() throws Exception {
        try (SshConnector own = new SshConnector(); SshConnection c = own.connect(lab.spec(HOST), true)) {
            String dir = root(c, "dirname \"$0\"").stdout().strip();
            assertTrue(dir.startsWith("/tmp/pgha-shell."), dir);
            assertEquals("700 root", lab.sh(HOST, "stat -c '%a %U' " + dir).strip());
            c.close();
            for (int i = 0; i < 50 && lab.shStatus(HOST, "test -e " + dir) == 0; i++) Thread.sleep(100);
            assertTrue(lab.shStatus(HOST, "test -e " + dir) != 0, dir + " is left on the node");
        }
    }
}
