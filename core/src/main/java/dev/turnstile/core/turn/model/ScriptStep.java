package dev.turnstile.core.turn.model;

/**
 * One line of a model script: the output of one sampling step. Texts may hold the placeholders of
 * {@link ScriptTemplate}.
 *
 * @param lineNumber   where the step was written (1-based), for error messages
 * @param reasoning    a reasoning summary to emit first, or {@code null}
 * @param message      the assistant message, or {@code null}
 * @param chunks       how many streamed deltas the message is cut into (at least 1)
 * @param phase        the message's phase, or {@code null}
 * @param functionName a tool call to make after the message, or {@code null}
 * @param arguments    the call's arguments (JSON text, may hold placeholders), when {@code functionName} is set
 * @param callId       the call id, or {@code null} to derive one from the sampling index
 * @param error        when set, the step fails with this model error instead of producing output
 * @param delayMillis  how long the model "thinks" before answering (keeps a turn in flight, e.g. to interrupt it)
 * @param usage        the usage to report, or {@code null} to estimate it from the texts
 */
public record ScriptStep(
        int lineNumber,
        String reasoning,
        String message,
        int chunks,
        String phase,
        String functionName,
        String arguments,
        String callId,
        String error,
        long delayMillis,
        ModelUsage usage) {

    /** The step of the built-in script: echo the user's input back. */
    public static ScriptStep echo() {
        return new ScriptStep(0, null, "echo: {{input}}", 2, "final_answer", null, null, null, null, 0, null);
    }
}
