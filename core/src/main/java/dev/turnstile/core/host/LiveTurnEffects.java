package dev.turnstile.core.host;

import dev.turnstile.core.pipeline.Ingress;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.session.Command;
import dev.turnstile.core.turn.Cancellable;
import dev.turnstile.core.turn.TurnEffects;
import dev.turnstile.core.turn.model.ModelClient;
import dev.turnstile.core.turn.model.ModelException;
import dev.turnstile.core.turn.model.ModelResponse;
import dev.turnstile.core.turn.tool.CommandRunner;
import dev.turnstile.core.turn.tool.CommandSpec;
import dev.turnstile.core.turn.tool.ProcessTracker;
import dev.turnstile.core.turn.tool.ToolOutcome;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real effects: each model step and each command runs on its own virtual thread, and its result re-enters the
 * ring as an internal command (never refused: it waits for ring space). Cancelling interrupts the virtual thread;
 * a result that still arrives is stale and the session ignores it.
 */
public final class LiveTurnEffects implements TurnEffects {
    private static final Logger LOG = LoggerFactory.getLogger(LiveTurnEffects.class);

    private final ModelClient model;
    private final Ingress<Command> ingress;
    /** Command runs per thread key, so a thread's background processes can be terminated together. */
    private final ConcurrentHashMap<Long, Set<CommandRun>> runs = new ConcurrentHashMap<>();

    public LiveTurnEffects(ModelClient model, Ingress<Command> ingress) {
        this.model = model;
        this.ingress = ingress;
    }

    @Override
    public Cancellable sample(ThreadHandle thread, dev.turnstile.core.turn.model.ModelRequest request) {
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
                LOG.warn("model client failed for {}", thread, e);
                result = new Command.ModelStepFailed(request.turnId(), request.samplingIndex(),
                        "model client failed: " + e);
            }
            publish(thread, result);
        });
        return worker::interrupt;
    }

    @Override
    public Cancellable runCommand(ThreadHandle thread, String turnId, String callId, CommandSpec command) {
        // Registered before the process exists, so a clean-up that arrives first still reaches it.
        CommandRun run = new CommandRun();
        Set<CommandRun> threadRuns = runs.computeIfAbsent(thread.key(), k -> ConcurrentHashMap.newKeySet());
        threadRuns.add(run);
        Thread worker = Thread.ofVirtual().start(() -> {
            try {
                ToolOutcome outcome = CommandRunner.run(command, run);
                publish(thread, new Command.ToolCompleted(turnId, callId, outcome));
            } catch (InterruptedException cancelled) {
                // The turn was aborted: the runner killed the process; nobody waits for the result.
            } finally {
                threadRuns.remove(run);
            }
        });
        return worker::interrupt;
    }

    @Override
    public void terminateProcesses(ThreadHandle thread) {
        Set<CommandRun> running = runs.remove(thread.key());
        if (running != null) {
            running.forEach(CommandRun::terminate);
        }
    }

    /** One command's process, which may be terminated before or after it starts. */
    private static final class CommandRun implements ProcessTracker {
        private Process process; // guarded by this
        private boolean terminated; // guarded by this

        @Override
        public synchronized boolean started(Process started) {
            this.process = started;
            return !terminated;
        }

        @Override
        public synchronized void finished(Process finished) {
            this.process = null;
        }

        synchronized void terminate() {
            terminated = true;
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    private void publish(ThreadHandle thread, Command result) {
        try {
            ingress.publishInternal(thread, result);
        } catch (IllegalStateException halted) {
            LOG.debug("result for {} dropped: the pipeline has halted", thread);
        }
    }
}
