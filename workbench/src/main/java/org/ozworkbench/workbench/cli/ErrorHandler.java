package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure of a command into one line {@code ozw: <message>} on the error writer and
 * an exit code ({@link Failure}); the stack trace follows only with {@code --verbose}.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private static final String VERBOSE = "--verbose";

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        return report(ex, commandLine, isVerbose(parseResult));
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        String help = commandLine.getCommandSpec().qualifiedName();
        PrintWriter err = commandLine.getErr();
        err.println("ozw: " + oneLine(ex.getMessage()) + " (see '" + help + " --help')");
        if (Arrays.asList(args).contains(VERBOSE)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return Failure.of(ex).exitCode();
    }

    private static int report(Throwable t, CommandLine commandLine, boolean verbose) {
        PrintWriter err = commandLine.getErr();
        err.println("ozw: " + messageOf(t));
        if (verbose) {
            t.printStackTrace(err);
        }
        err.flush();
        return Failure.of(t).exitCode();
    }

    /** The exception's message on one line; its type when it has none (a bug, then). */
    static String messageOf(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return "internal error: " + t.getClass().getName() + " (run with --verbose for the stack trace)";
        }
        return oneLine(message);
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
