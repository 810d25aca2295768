package dev.turnstile.bench.baseline;

import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.session.Command;
import dev.turnstile.core.turn.Cancellable;
import dev.turnstile.core.turn.TurnEffects;
import dev.turnstile.core.turn.model.ModelClient;
import dev.turnstile.core.turn.model.ModelException;
import dev.turnstile.core.turn.model.ModelRequest;
import dev.turnstile.core.turn.model.ModelResponse;
import dev.turnstile.core.turn.tool.CommandRunner;
import dev.turnstile.core.turn.tool.CommandSpec;
import dev.turnstile.core.turn.tool.ProcessTracker;
import java.util.function.BiConsumer;

/**
 * The baselines' effects: the same as Turnstile's live effects (each model step and command on its own virtual
 * thread), except that the result goes back to the session through the baseline's own queue instead of the ring.
 */
public final class CallbackTurnEffects implements TurnEffects {
    private final ModelClient model;
    private final BiConsumer<ThreadHandle, Command> results;

    /** @param results hands a result to the thread's session (its queue, its executor) */
    public CallbackTurnEffects(ModelClient model, BiConsumer<ThreadHandle, Command> results) {
        this.model = model;
        this.results = results;
    }

    @Override
    public Cancellable sample(ThreadHandle thread, ModelRequest request) {
        Thread worker = Thread.ofVirtual().start(() -> {
            Command result;
            try {
                ModelResponse response = model.sample(request);
                result = new Command.ModelStepCompleted(request.turnId(), request.samplingIndex(), response);
            } catch (InterruptedException cancelled) {
                return;
            } catch (ModelException e) {
                result = new Command.ModelStepFailed(request.turnId(), request.samplingIndex(), e.getMessage());
            } catch (RuntimeException e) {
                result = new Command.ModelStepFailed(request.turnId(), request.samplingIndex(),
                        "model client failed: " + e);
            }
            results.accept(thread, result);
        });
        return worker::interrupt;
    }

    @Override
    public Cancellable runCommand(ThreadHandle thread, String turnId, String callId, CommandSpec command) {
        Thread worker = Thread.ofVirtual().start(() -> {
            try {
                results.accept(thread, new Command.ToolCompleted(turnId, callId,
                        CommandRunner.run(command, ProcessTracker.NONE)));
            } catch (InterruptedException cancelled) {
                // the turn was aborted
            }
        });
        return worker::interrupt;
    }

    @Override
    public void terminateProcesses(ThreadHandle thread) {
        // The benchmarks' model runs no commands.
    }
}
