package dev.turnstile.core.session;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
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
 *
 * <p>The journal keeps every command but the subscription ones (who listens is not the thread's state) as JSON,
 * tagged by {@code command}; see {@link CommandCodec}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "command")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Command.Client.class, name = "client"),
        @JsonSubTypes.Type(value = Command.StartThread.class, name = "start_thread"),
        @JsonSubTypes.Type(value = Command.ModelStepCompleted.class, name = "model_step_completed"),
        @JsonSubTypes.Type(value = Command.ModelStepFailed.class, name = "model_step_failed"),
        @JsonSubTypes.Type(value = Command.ToolCompleted.class, name = "tool_completed"),
        @JsonSubTypes.Type(value = Command.CloseChannel.class, name = "close_channel"),
        @JsonSubTypes.Type(value = Command.ResumeThread.class, name = "resume_thread"),
        @JsonSubTypes.Type(value = Command.ForkThread.class, name = "fork_thread"),
        @JsonSubTypes.Type(value = Command.Steer.class, name = "steer")})
public sealed interface Command {

    /** A submission from a client. */
    record Client(Submission submission, @JsonIgnore byte[] wire) implements Command {
        public Client(Submission submission) {
            this(submission, null);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        static Client of(@com.fasterxml.jackson.annotation.JsonProperty("submission") Submission submission) {
            return new Client(submission, null);
        }

        /**
         * The submission exactly as the client sent it (UTF-8 JSON), when the transport has it: the journal then
         * stores those bytes instead of encoding the submission again on the dispatch thread. Null otherwise.
         */
        @Override
        public byte[] wire() {
            return wire;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Client that && submission.equals(that.submission);
        }

        @Override
        public int hashCode() {
            return submission.hashCode();
        }

        @Override
        public String toString() {
            return "Client[" + submission + "]";
        }
    }

    /** Creates the thread's session on its shard; the session then emits {@code session_configured}. */
    record StartThread(ThreadSpec spec, @JsonIgnore EventSubscriber subscriber) implements Command {
    }

    /**
     * Loads a stored thread onto its shard: its state is rebuilt from what it recorded (spec §2.11), and it emits
     * {@code session_configured}; a turn that was running when the process stopped ends as interrupted.
     */
    record ResumeThread(String threadId, @JsonIgnore EventSubscriber subscriber) implements Command {
    }

    /**
     * Creates a thread as a fork of a stored one (copy-on-write in the journal): its history is the parent's up to
     * {@code lastTurnId} (or all of it); the child then lives on its own. With {@code inheritConfiguration} the
     * child takes the parent's settings at the fork point and {@code spec}'s configuration is not used.
     */
    record ForkThread(ThreadSpec spec, String parentId, String lastTurnId, boolean inheritConfiguration,
                      @JsonIgnore EventSubscriber subscriber) implements Command {
    }

    /**
     * Steers input into the running turn only if its id is {@code expectedTurnId} (the app-server's
     * {@code turn/steer}): unlike {@code user_input} it never starts a turn. Answered, with the submission's id, by
     * nothing on success, or an {@code error}: {@code no active turn to steer}, an id mismatch, a non-steerable turn,
     * empty input (spec §4.4).
     */
    record Steer(String submissionId, java.util.List<dev.turnstile.core.protocol.item.UserInput> items,
                 String expectedTurnId) implements Command {
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

    /** Adds a subscriber to the thread's events (not journaled). */
    record Subscribe(EventSubscriber subscriber) implements Command {
    }

    /** Removes a subscriber (not journaled). */
    record Unsubscribe(EventSubscriber subscriber) implements Command {
    }

    /** Takes a snapshot of the session's state, with its history or without (not journaled; changes nothing). */
    record Inspect(java.util.concurrent.CompletableFuture<SessionSnapshot> result, boolean withHistory)
            implements Command {
    }

    /** Whether the journal keeps this command (subscriptions and inspections are not the thread's state). */
    @JsonIgnore
    default boolean journaled() {
        return !(this instanceof Subscribe || this instanceof Unsubscribe || this instanceof Inspect);
    }

    /**
     * The client's channel closed without a {@code shutdown}: run the teardown (abort the running turn as
     * {@code interrupted}) and release the thread, without a {@code shutdown_complete}.
     */
    record CloseChannel() implements Command {
    }
}
