package dev.turnstile.core.session;

import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.event.ExecCommandSource;
import dev.turnstile.core.protocol.item.MessagePhase;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.item.TurnItem;
import dev.turnstile.core.protocol.item.UserInput;
import dev.turnstile.core.protocol.op.AgentCommunication;
import dev.turnstile.core.protocol.policy.ReviewRequest;
import dev.turnstile.core.protocol.policy.TurnAbortReason;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.TurnContextItem;
import dev.turnstile.core.session.history.ContextualFragments;
import dev.turnstile.core.turn.ActiveTurn;
import dev.turnstile.core.turn.PendingCall;
import dev.turnstile.core.turn.TurnInput;
import dev.turnstile.core.turn.TurnKind;
import dev.turnstile.core.turn.model.ModelRequest;
import dev.turnstile.core.turn.tool.CommandSpec;
import dev.turnstile.core.turn.tool.ToolCall;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Starting, continuing, finishing and aborting turns (spec §1.4). At most one turn is active; spawning a task
 * first aborts the running one as {@code replaced}.
 */
final class TurnLifecycle {
    static final String COMPACT_PROMPT = "You are performing a CONTEXT CHECKPOINT COMPACTION. Create a handoff "
            + "summary of the conversation so far for another model that will continue the work.";
    static final String SUMMARY_PREFIX = dev.turnstile.core.session.history.LegacyCompaction.SUMMARY_PREFIX;
    static final String TURN_ABORTED_GUIDANCE = "The user interrupted the previous turn on purpose. Any running "
            + "unified exec processes may still be running in the background. If any tools/commands were aborted, "
            + "they may have partially executed.";

    private TurnLifecycle() {
    }

    // ---- start -------------------------------------------------------------------------------------

    /** Starts a regular turn on the user's items (turn id = the submission id). */
    static void startRegular(Session session, String turnId, List<UserInput> items) {
        ActiveTurn turn = spawn(session, turnId, TurnKind.REGULAR, null);
        recordContextUpdates(session, turnId);
        if (!items.isEmpty()) {
            recordUserPrompt(session, turnId, items);
        }
        recordPendingInput(session, turn);
        sample(session, turn, session.history().lastUserText());
    }

    /** Starts a compact turn: one sampling step asks for a summary that then replaces the history. */
    static void startCompact(Session session, String turnId) {
        ActiveTurn turn = spawn(session, turnId, TurnKind.COMPACT, null);
        String itemId = session.newId();
        turn.setTaskItemId(itemId);
        session.emit(turnId, new EventMsg.ItemStarted(session.threadId(), turnId,
                new TurnItem.ContextCompaction(itemId, Map.of()), session.now()));
        sample(session, turn, COMPACT_PROMPT);
    }

    /** Starts a review turn on the request. */
    static void startReview(Session session, String turnId, ReviewRequest request) {
        ActiveTurn turn = spawn(session, turnId, TurnKind.REVIEW, request);
        session.emit(turnId, new EventMsg.EnteredReviewMode(request));
        sample(session, turn, reviewPrompt(request));
    }

    /** Starts a standalone turn that runs the user's shell command. */
    static void startUserShell(Session session, String turnId, String command) {
        ActiveTurn turn = spawn(session, turnId, TurnKind.USER_SHELL, null);
        runUserShell(session, turn, command);
    }

    /**
     * Runs a user's shell command inside {@code turn}: as the task of a standalone turn, or as an auxiliary
     * action of the running turn, which it does not replace.
     */
    static void runUserShell(Session session, ActiveTurn turn, String command) {
        String callId = session.newId();
        ToolCall.Shell shell = new ToolCall.Shell(callId, List.of("bash", "-c", command), null, 0, false, null);
        PendingCall pending = new PendingCall(shell, PendingCall.Stage.RUNNING, true);
        turn.addCall(pending);
        startCommand(session, turn, pending, ExecCommandSource.USER_SHELL);
    }

    private static ActiveTurn spawn(Session session, String turnId, TurnKind kind, ReviewRequest review) {
        if (session.activeTurn() != null) {
            abort(session, TurnAbortReason.REPLACED);
        }
        ActiveTurn turn = new ActiveTurn(turnId, kind, session.now(), review);
        turn.setUserTurnsAtStart(session.history().userTurnCount());
        session.setActiveTurn(turn);
        for (ResponseItem queued : session.queuedForNextTurn()) {
            turn.pendingInput().add(new TurnInput.Item(queued));
        }
        session.queuedForNextTurn().clear();
        while (!session.mailbox().isEmpty()) {
            turn.pendingInput().add(new TurnInput.Item(mailItem(session.mailbox().poll())));
        }
        SessionConfiguration config = session.configuration();
        session.emit(turnId, new EventMsg.TurnStarted(turnId, session.now() / 1000, config.modelContextWindow(),
                config.collaborationMode().mode()));
        return turn;
    }

    // ---- recording input ---------------------------------------------------------------------------

    /**
     * Records the turn's context: the full initial context on the first turn (or after the baseline was cleared),
     * updated permissions instructions when the permissions or workspace roots moved since the reference (a
     * contextual developer fragment), an environment update when the environment moved, and always one turn
     * context item.
     */
    static void recordContextUpdates(Session session, String turnId) {
        SessionConfiguration config = session.configuration();
        TurnContextItem reference = session.history().referenceContext();
        if (reference == null) {
            session.recordItem(ResponseItem.Message.developer(InitialContext.permissionsInstructions(config)));
            session.recordItem(ResponseItem.Message.user(InitialContext.environmentContext(config)));
        } else {
            if (InitialContext.permissionsChanged(reference, config)) {
                session.recordItem(ResponseItem.Message.developer(InitialContext.permissionsInstructions(config)));
            }
            if (InitialContext.environmentChanged(reference, config)) {
                session.recordItem(ResponseItem.Message.user(InitialContext.environmentContext(config)));
            }
        }
        TurnContextItem context = InitialContext.turnContext(turnId, config,
                Instant.ofEpochMilli(session.now()).atZone(ZoneOffset.UTC).toLocalDate().toString());
        session.recordRolloutItem(new RolloutItem.TurnContextLine(context));
        session.history().setReferenceContext(context);
        session.setPreviousTurnSettings(new dev.turnstile.core.session.history.RolloutReconstruction
                .PreviousTurnSettings(context.model(), context.realtimeActive()));
    }

    /** Records what the user typed: the history item, the item lifecycle and the legacy event; materializes. */
    static void recordUserPrompt(Session session, String turnId, List<UserInput> items) {
        session.recordItem(UserPrompts.toResponseItem(items));
        TurnItem.UserMessage item = UserPrompts.toTurnItem(session.newId(), items);
        session.emit(turnId, new EventMsg.ItemStarted(session.threadId(), turnId, item, session.now()));
        session.emit(turnId, new EventMsg.ItemCompleted(session.threadId(), turnId, item, session.now()));
        session.emit(turnId, UserPrompts.toLegacyEvent(items));
        session.rollout().materialize();
    }

    /** Moves input that waited for the turn's next step into the history. */
    static void recordPendingInput(Session session, ActiveTurn turn) {
        for (TurnInput input : turn.drainPendingInput()) {
            switch (input) {
                case TurnInput.UserItems user -> recordUserPrompt(session, turn.turnId(), user.items());
                case TurnInput.Item item -> session.recordItem(item.item());
            }
        }
    }

    // ---- sampling and tools ------------------------------------------------------------------------

    /** Asks the model for the turn's next step; the result comes back through the ring. */
    static void sample(Session session, ActiveTurn turn, String prompt) {
        long index = session.nextSamplingIndex();
        ModelRequest request = new ModelRequest(session.threadId(), turn.turnId(), index,
                session.configuration().model(), prompt, turn.lastToolOutput(), session.history().size());
        turn.setLastToolOutput(null);
        turn.awaitSamplingStep(index, session.services().effects().sample(session.thread(), request));
    }

    /** Starts a command of the turn (after its approval, if it needed one). */
    static void startCommand(Session session, ActiveTurn turn, PendingCall pending, ExecCommandSource source) {
        ToolCall.Shell shell = (ToolCall.Shell) pending.call();
        String cwd = resolveWorkdir(session.configuration().cwd(), shell.workdir());
        pending.moveTo(PendingCall.Stage.RUNNING);
        session.emit(turn.turnId(), new EventMsg.ExecCommandBegin(shell.callId(), null, turn.turnId(), session.now(),
                shell.command(), cwd, List.of(), source, null));
        turn.track(session.services().effects().runCommand(session.thread(), turn.turnId(), shell.callId(),
                new CommandSpec(shell.command(), cwd, shell.timeoutMillis())));
    }

    static String resolveWorkdir(String cwd, String workdir) {
        if (workdir == null || workdir.isBlank()) {
            return cwd;
        }
        return Path.of(cwd).resolve(workdir).normalize().toString();
    }

    /**
     * Decides what the turn does once a step's tool calls are all answered: sample again when the model must see
     * tool output or steered input, otherwise finish.
     */
    static void continueOrFinish(Session session, ActiveTurn turn) {
        if (turn.hasOpenModelCalls() || turn.isSampling()) {
            return;
        }
        if (turn.stepHadToolCalls() || turn.hasPendingInput()) {
            turn.setStepHadToolCalls(false);
            recordPendingInput(session, turn);
            sample(session, turn, session.history().lastUserText());
        } else {
            finish(session);
        }
    }

    // ---- finish and abort --------------------------------------------------------------------------

    /**
     * Completes the active turn: leftover pending input is recorded (with its item lifecycle), then
     * {@code task_complete}; queued trigger mail then starts the next turn.
     */
    static void finish(Session session) {
        ActiveTurn turn = session.activeTurn();
        if (turn == null) {
            return;
        }
        for (TurnInput input : turn.drainPendingInput()) {
            if (input instanceof TurnInput.UserItems user) {
                ResponseItem.Message message = UserPrompts.toResponseItem(user.items());
                session.recordItem(message);
                session.deliver(turn.turnId(), new EventMsg.RawResponseItem(message));
                TurnItem.UserMessage item = UserPrompts.toTurnItem(session.newId(), user.items());
                session.emit(turn.turnId(), new EventMsg.ItemStarted(session.threadId(), turn.turnId(), item,
                        session.now()));
                session.emit(turn.turnId(), new EventMsg.ItemCompleted(session.threadId(), turn.turnId(), item,
                        session.now()));
                session.emit(turn.turnId(), UserPrompts.toLegacyEvent(user.items()));
            } else if (input instanceof TurnInput.Item item) {
                session.recordItem(item.item());
            }
        }
        turn.cancelInFlight();
        session.emit(turn.turnId(), new EventMsg.TurnComplete(turn.turnId(), turn.lastAgentMessage(),
                session.now() / 1000, session.now() - turn.startedAtMillis(), turn.timeToFirstTokenMillis()));
        session.setActiveTurn(null);
        session.checkpoint(turn.turnId(), turn.recordedUserTurn(session.history().userTurnCount()),
                turn.kind() == TurnKind.COMPACT);
        startQueuedWork(session, turn.turnId());
    }

    /**
     * Aborts the active turn: stops its work; if interrupted, records the {@code <turn_aborted>} marker; then
     * emits {@code turn_aborted} and nothing else (spec §1.4).
     */
    static void abort(Session session, TurnAbortReason reason) {
        ActiveTurn turn = session.activeTurn();
        if (turn == null) {
            return;
        }
        turn.cancelInFlight();
        if (reason == TurnAbortReason.INTERRUPTED) {
            session.recordItem(turnAbortedMarker());
        }
        session.emit(turn.turnId(), new EventMsg.TurnAborted(turn.turnId(), reason, session.now() / 1000,
                session.now() - turn.startedAtMillis()));
        session.setActiveTurn(null);
        session.checkpoint(turn.turnId(), turn.recordedUserTurn(session.history().userTurnCount()), false);
    }

    /**
     * A resumed thread's last turn was running when the process stopped: it is recorded as interrupted (the marker
     * for the model, then {@code turn_aborted}), so the rollout and every later reader agree it ended.
     */
    static void recordUnfinishedTurnAborted(Session session, String turnId, boolean userTurn) {
        session.recordItem(turnAbortedMarker());
        session.emit(turnId, new EventMsg.TurnAborted(turnId, TurnAbortReason.INTERRUPTED, session.now() / 1000,
                null));
        session.checkpoint(turnId, userTurn, false);
    }

    /** The contextual message that tells the model its previous turn was interrupted. */
    private static ResponseItem turnAbortedMarker() {
        return ResponseItem.Message.user(
                ContextualFragments.wrap("<turn_aborted>", "</turn_aborted>", "\n" + TURN_ABORTED_GUIDANCE + "\n"));
    }

    /** After an interrupted or finished turn: queued next-turn items or trigger mail start the next turn at once. */
    static void startQueuedWork(Session session, String turnId) {
        if (session.activeTurn() != null) {
            return;
        }
        boolean trigger = !session.queuedForNextTurn().isEmpty();
        for (AgentCommunication mail : session.mailbox()) {
            trigger |= mail.triggersTurn();
        }
        if (trigger) {
            startRegular(session, session.newId(), List.of());
        }
    }

    static ResponseItem mailItem(AgentCommunication mail) {
        String json = "{\"author\":" + quote(mail.author()) + ",\"recipient\":" + quote(mail.recipient())
                + ",\"other_recipients\":" + quoteAll(mail.otherRecipients()) + ",\"content\":" + quote(mail.content())
                + ",\"trigger_turn\":" + mail.triggersTurn() + "}";
        return new ResponseItem.Message(null, "assistant",
                List.of(new dev.turnstile.core.protocol.item.ContentItem.OutputText(json)), MessagePhase.COMMENTARY);
    }

    private static String quote(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }

    private static String quoteAll(List<String> texts) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < texts.size(); i++) {
            out.append(i == 0 ? "" : ",").append(quote(texts.get(i)));
        }
        return out.append(']').toString();
    }

    private static String reviewPrompt(ReviewRequest request) {
        return "Review the code changes (" + request.target() + ")"
                + (request.userFacingHint() != null ? ": " + request.userFacingHint() : "");
    }
}
