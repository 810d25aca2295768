package dev.turnstile.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code ./turnstile <command>}. Each subcommand explains itself with {@code --help}. */
@Command(
        name = "turnstile",
        mixinStandardHelpOptions = true,
        version = "turnstile 0.1.0",
        description = "A session host for coding agents: submissions in, events out, through a sequenced pipeline.",
        subcommands = {CommandLine.HelpCommand.class, ProtoCommand.class, ServeCommand.class, DemoCommand.class,
                ReplayCommand.class, BenchCommand.class})
public final class TurnstileCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The command line with Turnstile's error handling: one line per mistake, exit code 2, no stack traces. */
    public static CommandLine commandLine() {
        UsageErrors errors = new UsageErrors();
        return new CommandLine(new TurnstileCommand())
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
