package io.pgha.cli;

import io.pgha.core.ExitCodes;
import io.pgha.lab.Lab;
import io.pgha.lab.LabConfig;
import io.pgha.lab.LabException;
import io.pgha.lab.LabListener;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/** What the lab verbs share: the lab of the current directory, step lines with timings, error to exit code. */
final class LabSupport {
    private LabSupport() {}

    static LabConfig config() {
        return LabConfig.fromEnvironment(Path.of("").toAbsolutePath());
    }

    /** Prints "  12.3s  what" for each step; with verbose also the image build output. */
    static LabListener printer(PrintWriter out, boolean verbose) {
        return new LabListener() {
            @Override
            public void step(String description, Duration took) {
                out.printf(Locale.ROOT, "%7s  %s%n", seconds(took), description);
                out.flush();
            }

            @Override
            public void starting(String description) {
                out.printf(Locale.ROOT, "%7s  %s ...%n", "", description);
                out.flush();
            }

            @Override
            public void detail(String line) {
                if (verbose) {
                    out.println("         | " + line);
                    out.flush();
                }
            }
        };
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    /** Runs a lab action; a LabException becomes one line on stderr and exit code 1. */
    static int run(PrintWriter err, String verb, Function<LabConfig, Integer> action) {
        LabConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            err.println("pgha lab " + verb + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try {
            return action.apply(config);
        } catch (LabException e) {
            err.println("pgha lab " + verb + " failed: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }

    static Lab open(LabConfig config, LabListener listener) {
        return new Lab(config, listener);
    }
}
