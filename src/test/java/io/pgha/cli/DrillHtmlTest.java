package io.pgha.cli;

import io.pgha.ops.drill.DrillMeasure;
import io.pgha.ops.drill.DrillReport;
import io.pgha.ops.drill.DrillTrace;
import io.pgha.ops.drill.FailoverDrill;
import io.pgha.ops.drill.Fault;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drill report opened in headless Chromium (Debian's chromium, which scripts/test.sh installs):
 * the page's script draws the timeline without an error. Tagged lab: it needs the prepared machine.
 */
@Tag("lab")
class DrillHtmlTest {
    @TempDir Path dir;

    /** 60 s in 100 ms steps: db06 primary until 1 s after the fault, db07 promoted at 6 s; writes fail for 5.5 s. */
    static FailoverDrill.Outcome outcome(String eventText) {
        int steps = 600;
        List<String> r6 = new ArrayList<>(), r7 = new ArrayList<>(), k6 = new ArrayList<>(), k7 = new ArrayList<>();
        List<Boolean> v6 = new ArrayList<>(), v7 = new ArrayList<>();
        List<Integer> acked = new ArrayList<>(), failed = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            long ms = -2_000 + i * 100L;
            r6.add(ms < 1_000 ? "primary" : ms < 30_000 ? "down" : "standby");
            r7.add(ms < 6_000 ? "standby" : "primary");
            v6.add(ms < 1_000);
            v7.add(ms >= 5_500);
            k6.add(ms < 1_000 ? "MASTER" : "FAULT");
            k7.add(ms < 5_500 ? "BACKUP" : "MASTER");
            boolean down = ms >= 0 && ms < 6_200;
            acked.add(down ? 0 : 1);
            failed.add(down ? 1 : 0);
        }
        DrillTrace trace = new DrillTrace(-2_000, 100, List.of("db06", "db07"), Map.of("db06", r6, "db07", r7),
                Map.of("db06", v6, "db07", v7), Map.of("db06", k6, "db07", k7), acked, failed);
        List<DrillReport.Event> events = List.of(new DrillReport.Event(0, "fault"),
                new DrillReport.Event(1_000, "detected: keepalived on db06 MASTER -> FAULT"),
                new DrillReport.Event(5_500, "VIP on db07"), new DrillReport.Event(6_000, "promoted: db07 takes writes"),
                new DrillReport.Event(6_200, eventText), new DrillReport.Event(30_000, "healed: after-phase"));
        DrillReport report = new DrillReport(Fault.STOP_POSTGRESQL, "db06", "db06", "db07", 1, "direct", new DrillMeasure(10L, 6_200L, 2, 0L),
                events, 30_000, 0, 0, 6_200, 480, 62, 20, List.of(), null, null, 62_000, trace);
        return new FailoverDrill.Outcome(FailoverDrill.Stage.RECOVERED, 0, null, report);
    }

    @Test
    void chromiumDrawsTheTimelineWithoutAScriptError() throws Exception {
        String dom = dumpDom(DrillHtml.render(outcome("writes through the VIP acknowledged again (timeline 2)")));
        assertNull(attribute(dom, "data-error"), "the page's script failed");
        assertEquals("3", attribute(dom, "data-rendered"), "two node lanes and the client's");
        // db06 primary, down, standby and db07 standby, primary: 5 role runs; one VIP run each
        assertEquals(7, count(dom, "class=\"run\""), "role and VIP runs drawn");
        assertEquals(6, count(dom, "class=\"event\""), "a marker per event");
        assertEquals(538, count(dom, "class=\"acked\""), "a bar per step with acknowledged writes");
        assertEquals(62, count(dom, "class=\"failed\""));
        assertTrue(dom.contains("writes back through the VIP</th><td>6.2 s (timeline 2)"), "figures table");
    }

    @Test
    void aBrokenPageIsSeenAsOne() throws Exception {
        // the check above can fail: data the script cannot draw leaves data-error, not data-rendered
        String html = DrillHtml.render(outcome("x")).replaceFirst("(<script type=\"application/json\" id=\"drill-data\">)[^<]*",
                "$1{\"nodes\":7}");
        String dom = dumpDom(html);
        assertNotNull(attribute(dom, "data-error"), "the script's failure is marked on the body");
        assertNull(attribute(dom, "data-rendered"));
    }

    @Test
    void textFromTheClusterCannotCloseTheScriptOrInjectMarkup() {
        String html = DrillHtml.render(outcome("</script><img src=x onerror=alert(1)>"));
        assertFalse(html.contains("</script><img"), "escaped inside the embedded JSON");
        assertTrue(html.contains("<\\/script><img"), "kept, as <\\/ (which JSON reads as /)");
    }

    private String dumpDom(String html) throws IOException, InterruptedException {
        Path page = dir.resolve("drill.html");
        Files.writeString(page, html);
        String chromium = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "chromium";
        Process p;
        try {
            p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", page.toUri().toString())
                    .redirectError(dir.resolve("chromium.log").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("Debian's chromium is needed to open the drill report (scripts/lab-host-setup.sh installs it): "
                    + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), "chromium: " + Files.readString(dir.resolve("chromium.log")));
        return out;
    }

    /** An attribute of the body element after the page's script ran (the script's own text names them too). */
    private static String attribute(String dom, String name) {
        Matcher body = Pattern.compile("<body([^>]*)>").matcher(dom);
        if (!body.find()) throw new AssertionError("no body in the dumped page: " + dom.substring(0, Math.min(500, dom.length())));
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(body.group(1));
        return m.find() ? m.group(1) : null;
    }

    private static int count(String dom, String needle) {
        return dom.split(Pattern.quote(needle), -1).length - 1;
    }
}
