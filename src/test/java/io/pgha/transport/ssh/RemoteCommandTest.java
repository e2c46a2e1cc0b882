package io.pgha.transport.ssh;

import io.pgha.transport.ExecRequest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemoteCommandTest {

    @Test
    void quoteHandlesSingleQuotesAndNewlines() {
        assertEquals("'plain'", RemoteCommand.quote("plain"));
        assertEquals("'it'\\''s'", RemoteCommand.quote("it's"));
        assertEquals("'a\nb $X `y`'", RemoteCommand.quote("a\nb $X `y`"));
        assertEquals("''", RemoteCommand.quote(""));
    }

    @Test
    void plainCommandRunsUnderBinSh() {
        assertEquals("/bin/sh -c 'echo hi | wc -c'", RemoteCommand.build(ExecRequest.of("echo hi | wc -c"), null));
    }

    @Test
    void envIsExportedInlineSortedAndQuoted() {
        ExecRequest r = ExecRequest.of("env").withEnv(Map.of("B", "x y", "A", "it's"));
        assertEquals("export A='it'\\''s' B='x y'; ", RemoteCommand.envExports(r.env()));
    }

    @Test
    void wireCommandSurvivesARealShell() throws Exception {
        // What sshd does with the wire text: hand it to the login shell with -c.
        String tricky = "it's \"quoted\" $HOME `x` \\ ; | & \n second line";
        ExecRequest r = ExecRequest.of("printf '%s|%s' \"$V\" \"$W\"").withEnv(Map.of("V", tricky, "W", "w"));
        Process p = new ProcessBuilder("/bin/sh", "-c", RemoteCommand.build(r, null)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertEquals(tricky + "|w", out);
    }

    @Test
    void badEnvNameRejected() {
        assertThrows(IllegalArgumentException.class, () -> RemoteCommand.envExports(Map.of("A;rm", "1")));
    }

    @Test
    void becomeWrapsInSudoWithoutPassword() {
        ExecRequest r = ExecRequest.of("id -u").asBecome(true, null);
        assertEquals("sudo -n -H -u 'root' -- /bin/sh -c 'id -u'", RemoteCommand.build(r, null));
        ExecRequest p = ExecRequest.of("psql -c 'select 1'").asBecome(true, "postgres").withEnv(Map.of("PGPORT", "5433"));
        assertEquals("sudo -n -H -u 'postgres' -- /bin/sh -c 'export PGPORT='\\''5433'\\''; psql -c '\\''select 1'\\'''",
                RemoteCommand.build(p, null));
    }

    @Test
    void becomeWithPasswordUsesPromptAndStartMarkers() {
        RemoteCommand.BecomeMarkers m = new RemoteCommand.BecomeMarkers("[pgha-sudo-1] password:", "pgha-become-started-1");
        String wire = RemoteCommand.build(ExecRequest.of("cat").asBecome(true, "nobody"), m);
        assertEquals("sudo -S -p '[pgha-sudo-1] password:' -H -u 'nobody' -- /bin/sh -c "
                + "'printf '\\''%s\\n'\\'' '\\''pgha-become-started-1'\\'' >&2\ncat'", wire);
    }

    @Test
    void randomMarkersDiffer() {
        java.util.Random rnd = new java.util.Random(1);
        RemoteCommand.BecomeMarkers a = RemoteCommand.BecomeMarkers.random(rnd);
        RemoteCommand.BecomeMarkers b = RemoteCommand.BecomeMarkers.random(rnd);
        assertTrue(!a.prompt().equals(b.prompt()) && !a.prompt().contains("%"));
    }

    @Test
    void previewIsOneLineAndAtMost80Chars() {
        assertEquals("a b c", RemoteCommand.preview("a\n b\tc "));
        String longCmd = "x".repeat(200);
        assertEquals("x".repeat(80) + "...", RemoteCommand.preview(longCmd));
    }
}
