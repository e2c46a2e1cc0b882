package io.pgha.cli;

import io.pgha.core.ExitCodes;
import io.pgha.core.InputException;
import io.pgha.template.ExpressionException;
import picocli.CommandLine;

/** Entry point: builds the command tree and maps errors to exit codes (2 for bad input). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new PghaCommand());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof InputException ie) {
                c.getErr().println("error: " + ie.describe());
                return ExitCodes.BAD_INPUT;
            }
            if (ex instanceof ExpressionException ee) {
                c.getErr().println("error: " + ee.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            c.getErr().println("error: " + ex);
            if (System.getenv("PGHA_DEBUG") != null) ex.printStackTrace(c.getErr());
            return ExitCodes.FAILURE;
        });
        return cl.execute(args);
    }
}
