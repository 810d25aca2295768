package dev.turnstile.core.turn;

import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.turn.model.ModelRequest;
import dev.turnstile.core.turn.tool.CommandSpec;

/**
 * The work a turn asks the outside world to do. Each result comes back as an internal command through the ring;
 * the handlers never wait. Replaying a journal uses {@link #NONE}: the recorded results are re-applied instead.
 *
 * <p>Threading: called on dispatch threads; implementations hand the work to other threads and return at once.
 */
public interface TurnEffects {

    /** Asks the model for one sampling step; the result comes back as ModelStepCompleted or ModelStepFailed. */
    Cancellable sample(ThreadHandle thread, ModelRequest request);

    /** Runs a command; the result comes back as ToolCompleted. */
    Cancellable runCommand(ThreadHandle thread, String turnId, String callId, CommandSpec command);

    /** Terminates every process the thread still has running (background terminals). */
    void terminateProcesses(ThreadHandle thread);

    /** Does nothing: offline replay, and tests that drive results by hand. */
    TurnEffects NONE = new TurnEffects() {
        @Override
        public Cancellable sample(ThreadHandle thread, ModelRequest request) {
            return Cancellable.NONE;
        }

        @Override
        public Cancellable runCommand(ThreadHandle thread, String turnId, String callId, CommandSpec command) {
            return Cancellable.NONE;
        }

        @Override
        public void terminateProcesses(ThreadHandle thread) {
        }
    };
}
