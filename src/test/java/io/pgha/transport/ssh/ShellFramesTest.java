package io.pgha.transport.ssh;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShellFramesTest {
    static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void readyThenCommandsWhateverTheWriteBoundaries() throws Exception {
        // a command's output that looks like frames is only bytes inside a frame
        String stream = "R /tmp/pgha-shell.abc\nD 3\n5\n3\nD 0\n0z\u00e9D 7\n0\n0\n";
        byte[] all = bytes(stream);
        for (int chunk = 1; chunk <= all.length; chunk += 3) {
            ShellFrames f = new ShellFrames();
            for (int i = 0; i < all.length; i += chunk) f.write(all, i, Math.min(chunk, all.length - i));
            assertEquals(new ShellFrames.Ready("/tmp/pgha-shell.abc"), f.next(0));
            ShellFrames.Done first = assertInstanceOf(ShellFrames.Done.class, f.next(0));
            assertEquals(3, first.exitCode());
            assertArrayEquals(bytes("D 0\n0"), first.stdout(), "chunk " + chunk);
            assertArrayEquals(bytes("z\u00e9"), first.stderr(), "chunk " + chunk);
            ShellFrames.Done second = assertInstanceOf(ShellFrames.Done.class, f.next(0));
            assertEquals(7, second.exitCode());
            assertEquals(0, second.stdout().length + second.stderr().length);
            assertNull(f.next(0));
        }
    }

    @Test
    void anythingElseEndsTheShell() throws Exception {
        ShellFrames f = new ShellFrames();
        f.write(bytes("sudo: a password is required\n"));
        ShellFrames.Ended e = assertInstanceOf(ShellFrames.Ended.class, f.next(0));
        assertTrue(e.why().contains("sudo: a password is required"), e.why());
        f.write(bytes("D 0\n0\n0\n")); // nothing is trusted after that
        assertNull(f.next(0));

        ShellFrames sizes = new ShellFrames();
        sizes.write(bytes("D 0\nmany\n"));
        assertInstanceOf(ShellFrames.Ended.class, sizes.next(0));
    }

    @Test
    void aClosedChannelWakesTheWaiter() throws Exception {
        ShellFrames f = new ShellFrames();
        f.ended("its channel closed");
        assertEquals(new ShellFrames.Ended("its channel closed"), f.next(1000));
    }

    @Test
    void pollScriptReadsPastTheOffsetsAsBase64() {
        assertEquals("cd '/tmp/pgha-shell.x' || exit 1; tail -c +11 o | head -c 100 | base64 -w0; echo; "
                + "tail -c +1 e | head -c 100 | base64 -w0; echo", BecomeShell.pollScript("/tmp/pgha-shell.x", 10, 0, 100));
    }
}
