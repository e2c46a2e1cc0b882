package io.pgha.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One CLI verb run in-process with its output captured: what a user would see, and the exit code. */
public record CliRun(int exit, String out, String err) {
    public static CliRun of(Object command, String... args) { return run(new CommandLine(command), args); }

    /** The whole `pgha` command line, with Main's exit codes and error messages. */
    public static CliRun pgha(String... args) { return run(Main.commandLine(), args); }

    /**
     * For the verbs that print a playbook run to the process's stdout (bootstrap, push-config, rejoin):
     * System.out and System.err captured too, appended to out and err.
     */
    public static synchronized CliRun withStdout(Object command, String... args) {
        java.io.ByteArrayOutputStream so = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream se = new java.io.ByteArrayOutputStream();
        java.io.PrintStream oldOut = System.out;
        java.io.PrintStream oldErr = System.err;
        CliRun r;
        try {
            System.setOut(new java.io.PrintStream(so, true, java.nio.charset.StandardCharsets.UTF_8));
            System.setErr(new java.io.PrintStream(se, true, java.nio.charset.StandardCharsets.UTF_8));
            r = of(command, args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String out = r.out() + so.toString(java.nio.charset.StandardCharsets.UTF_8);
        String err = r.err() + se.toString(java.nio.charset.StandardCharsets.UTF_8);
        oldOut.print(out); // still in the test's log
        return new CliRun(r.exit(), out, err);
    }

    private static CliRun run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
