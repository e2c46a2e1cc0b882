package io.pgha.cli;

import io.pgha.engine.RunListener;
import io.pgha.output.ConsoleOutput;
import io.pgha.output.JsonOutput;
import io.pgha.output.Style;

import java.io.PrintStream;

/** Chooses the console or the JSON event stream for a run. */
final class Listeners {
    private Listeners() {}

    static RunListener of(RunOptionsMixin opts, PrintStream out) {
        return opts.json ? new JsonOutput(out, opts.verbosity()) : new ConsoleOutput(out, Style.forConsole(), opts.verbosity());
    }
}
