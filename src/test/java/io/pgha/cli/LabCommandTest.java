package io.pgha.cli;

import io.pgha.testing.LabFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabCommandTest {
    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new LabCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void verbIsRequired() {
        Run r = run();
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("missing verb: up, down or status"), r.err());
    }

    @Test
    void helpListsTheVerbs() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        for (String verb : List.of("up", "down", "status")) assertTrue(r.out().contains("  " + verb + " "), r.out());
    }

    @Test
    @Tag("lab")
    void upPrintsOneTimedLinePerStepAndStatusShowsBothNodes() {
        LabFixture lab = LabFixture.get();
        Run up = run("up");
        assertEquals(0, up.exit(), up.out() + up.err());
        List<String> lines = up.out().lines().toList();
        assertTrue(lines.size() >= 8, up.out());
        for (String l : lines.subList(0, lines.size() - 1)) assertTrue(l.matches(" *\\d+\\.\\ds  \\S.*"), l);
        assertTrue(lines.get(lines.size() - 1).startsWith("lab " + lab.config().name() + " up in "), up.out());

        Run status = run("status");
        assertEquals(0, status.exit(), status.out() + status.err());
        for (String host : List.of(LabFixture.DB06, LabFixture.DB07)) {
            assertTrue(status.out().lines().anyMatch(l -> l.matches(host + " +" + lab.containerName(host) + " +running +"
                    + lab.address(host).replace(".", "\\.") + " +yes +running")), status.out());
        }
        assertTrue(status.out().strip().endsWith("healthy"), status.out());
    }
}
