package io.pgha.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One CLI verb run in-process with its output captured: what a user would see, and the exit code. */
public record CliRun(int exit, String out, String err) {
    public static CliRun of(Object command, String... args) { return run(new CommandLine(command), args); }

    /** The whole `pgha` command line, with Main's exit codes and error messages. */
    public static CliRun pgha(String... args) { return run(Main.commandLine(), args); }

    private static CliRun run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
