package dev.turnstile.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How the command line answers mistakes: a bad option is one line on stderr naming the option and what is
 * allowed, with exit code 2; a failure while running is one line with exit code 1. Users never see a stack trace
 * (set {@code TURNSTILE_DEBUG=1} to get one for a failure while running).
 */
final class UsageErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final int USAGE = CommandLine.ExitCode.USAGE;
    static final int FAILED = CommandLine.ExitCode.SOFTWARE;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        command.getErr().println(prefix(command) + ex.getMessage() + " (see '" + qualifiedName(command)
                + " --help')");
        command.getErr().flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        command.getErr().println(prefix(command) + "failed: " + message);
        if (System.getenv("TURNSTILE_DEBUG") != null) {
            ex.printStackTrace(command.getErr());
        }
        command.getErr().flush();
        return FAILED;
    }

    private static String prefix(CommandLine command) {
        return qualifiedName(command) + ": ";
    }

    private static String qualifiedName(CommandLine command) {
        return command.getCommandSpec().qualifiedName();
    }
}
