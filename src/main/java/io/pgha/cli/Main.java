package io.pgha.cli;

import io.pgha.core.ExitCodes;
import io.pgha.core.InputException;
import io.pgha.core.Secrets;
import io.pgha.template.ExpressionException;
import picocli.CommandLine;

/** Entry point: builds the command tree and maps errors to exit codes (2 for bad input). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) { return commandLine().execute(args); }

    /** The command tree with pgha's exit codes; error messages masked like every other output. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PghaCommand());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof InputException ie) {
                c.getErr().println("error: " + Secrets.maskError(ie.describe()));
                return ExitCodes.BAD_INPUT;
            }
            if (ex instanceof ExpressionException ee) {
                c.getErr().println("error: " + Secrets.maskError(ee.getMessage()));
                return ExitCodes.BAD_INPUT;
            }
            c.getErr().println("error: " + Secrets.maskError(String.valueOf(ex)));
            if (System.getenv("PGHA_DEBUG") != null) ex.printStackTrace(c.getErr());
            return ExitCodes.FAILURE;
        });
        return cl;
    }
}
