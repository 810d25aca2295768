package dev.turnstile.core.turn.tool;

/**
 * How a command run ended.
 *
 * @param exitCode       the process's exit code (-1 when it could not start or was killed)
 * @param stdout         what it wrote to standard output (capped)
 * @param stderr         what it wrote to standard error (capped)
 * @param durationMillis wall time of the run
 * @param failure        why it did not run to completion (could not start, timed out), or null
 */
public record ToolOutcome(int exitCode, String stdout, String stderr, long durationMillis, String failure) {

    public String aggregatedOutput() {
        if (stderr.isEmpty()) {
            return stdout;
        }
        if (stdout.isEmpty()) {
            return stderr;
        }
        return stdout + stderr;
    }

    /** The text the model sees as the call's output, in the shape Codex gives it. */
    public String formattedForModel() {
        StringBuilder out = new StringBuilder();
        out.append("Exit code: ").append(exitCode).append('\n');
        out.append("Wall time: ").append(String.format(java.util.Locale.ROOT, "%.1f", durationMillis / 1000.0))
                .append(" seconds\n");
        if (failure != null) {
            out.append(failure).append('\n');
        }
        out.append("Output:\n").append(aggregatedOutput());
        return out.toString();
    }
}
