package dev.turnstile.core.session;

import dev.turnstile.core.pipeline.EventSubscriber;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.turn.tool.ToolOutcome;
import dev.turnstile.core.turn.model.ModelResponse;

/**
 * What travels through the ingress ring to a thread's shard: a client's submission, or an internal command.
 *
 * <p>Internal commands carry the results of work done off the dispatch threads (a model's sampling step, a
 * tool's run) and the thread's own lifecycle. Because they pass through the ring like submissions, every state
 * change is sequenced, and a journal of commands replays to the same state: the handlers never wait for, or
 * ask, the outside world.
 */
public sealed interface Command {

    /** A submission from a client. */
    record Client(Submission submission) implements Command {
    }

    /** Creates the thread's session on its shard; the session then emits {@code session_configured}. */
    record StartThread(ThreadSpec spec, EventSubscriber subscriber) implements Command {
    }

    /** A sampling step of a turn finished. Ignored when the turn is no longer waiting for that step. */
    record ModelStepCompleted(String turnId, long samplingIndex, ModelResponse response) implements Command {
    }

    /** A sampling step failed with a model error. */
    record ModelStepFailed(String turnId, long samplingIndex, String message) implements Command {
    }

    /** A tool call (a command run) finished. */
    record ToolCompleted(String turnId, String callId, ToolOutcome outcome) implements Command {
    }

    /** Adds a subscriber to the thread's events. */
    record Subscribe(EventSubscriber subscriber) implements Command {
    }

    /** Removes a subscriber. */
    record Unsubscribe(EventSubscriber subscriber) implements Command {
    }

    /**
     * The client's channel closed without a {@code shutdown}: run the teardown (abort the running turn as
     * {@code interrupted}) and release the thread, without a {@code shutdown_complete}.
     */
    record CloseChannel() implements Command {
    }
}
