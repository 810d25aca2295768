package dev.turnstile.core.turn.model;

/**
 * One sampling request, as the session sees it at the moment of asking.
 *
 * @param threadId        the thread asking
 * @param turnId          the turn the step belongs to
 * @param samplingIndex   how many sampling steps this thread asked for before this one (0 for the first): lets a
 *                        scripted model be a pure function of the request, so replays reproduce it
 * @param model           the model slug of the turn
 * @param lastUserText    the text of the newest user message in the history, or "" when there is none
 * @param lastToolOutput  the output of the newest tool call of this turn, or {@code null} when the step does not
 *                        follow a tool call
 * @param historyItems    how many items the model-visible history holds (the prompt's size)
 */
public record ModelRequest(
        String threadId,
        String turnId,
        long samplingIndex,
        String model,
        String lastUserText,
        String lastToolOutput,
        int historyItems) {
}
