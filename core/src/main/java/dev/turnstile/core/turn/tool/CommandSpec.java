package dev.turnstile.core.turn.tool;

import java.util.List;

/**
 * A command to run.
 *
 * @param argv           program and arguments
 * @param cwd            absolute working directory
 * @param timeoutMillis  the run is killed after this long (0: no limit)
 */
public record CommandSpec(List<String> argv, String cwd, long timeoutMillis) {
    public CommandSpec {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program");
        }
    }
}
