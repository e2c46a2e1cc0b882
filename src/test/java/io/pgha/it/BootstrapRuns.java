package io.pgha.it;

import io.pgha.engine.RunOptions;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.bootstrap.Bootstrap;
import io.pgha.ops.bootstrap.Bootstrap.Outcome;
import io.pgha.output.ConsoleOutput;
import io.pgha.output.Style;

import java.nio.file.Path;

/** Runs `pgha bootstrap` in-process for the end-to-end tests, printing the console view and the wall time. */
final class BootstrapRuns {
    private BootstrapRuns() {}

    static Path project() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    }

    static Outcome run(Path inventory, boolean check, String label) {
        return run(inventory, check, false, label);
    }

    static Outcome run(Path inventory, boolean check, boolean forceReinit, String label) {
        ProjectLayout layout = new ProjectLayout(project());
        try (Toolkit kit = new Toolkit(layout.home())) {
            long t0 = System.nanoTime();
            Outcome o = new Bootstrap(kit, layout).run(inventory, RunOptions.defaults().withCheck(check), forceReinit,
                    new ConsoleOutput(System.out, new Style(false), 0));
            System.out.printf("bootstrap (%s%s) took %.1f s: %s%n", label, check ? ", check" : "", (System.nanoTime() - t0) / 1e9, o.stage());
            return o;
        }
    }

    /** Waits between polls of a node; an interrupt ends the wait early (the poll's assertion then reports). */
    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
