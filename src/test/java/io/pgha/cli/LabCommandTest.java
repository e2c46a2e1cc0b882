package io.pgha.cli;

import io.pgha.testing.LabFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabCommandTest {
    static CliRun run(String... args) {
        return CliRun.of(new LabCommand(), args);
    }

    @Test
    void verbIsRequired() {
        CliRun r = run();
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("missing verb: up, down or status"), r.err());
    }

    @Test
    void helpListsTheVerbs() {
        CliRun r = run("--help");
        assertEquals(0, r.exit());
        for (String verb : List.of("up", "down", "status")) assertTrue(r.out().contains("  " + verb + " "), r.out());
    }

    @Test
    @Tag("lab")
    void upPrintsOneTimedLinePerStepAndStatusShowsBothNodes() {
        LabFixture lab = LabFixture.get();
        CliRun up = run("up");
        assertEquals(0, up.exit(), up.out() + up.err());
        List<String> lines = up.out().lines().toList();
        assertTrue(lines.size() >= 8, up.out());
        for (String l : lines.subList(0, lines.size() - 1)) assertTrue(l.matches(" *\\d+\\.\\ds  \\S.*"), l);
        assertTrue(lines.get(lines.size() - 1).startsWith("lab " + lab.config().name() + " up in "), up.out());

        CliRun status = run("status");
        assertEquals(0, status.exit(), status.out() + status.err());
        for (String host : List.of(LabFixture.DB06, LabFixture.DB07)) {
            // systemd booted: "degraded" only means a unit failed, which earlier lab tests cause on purpose (LabTest too)
            assertTrue(status.out().lines().anyMatch(l -> l.matches(host + " +" + lab.containerName(host) + " +running +"
                    + lab.address(host).replace(".", "\\.") + " +yes +(running|degraded)")), status.out());
        }
        assertTrue(status.out().strip().endsWith("healthy"), status.out());
    }
}
