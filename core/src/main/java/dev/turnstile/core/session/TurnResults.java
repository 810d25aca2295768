package dev.turnstile.core.session;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.protocol.WireDuration;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.event.ExecCommandSource;
import dev.turnstile.core.protocol.event.ExecCommandStatus;
import dev.turnstile.core.protocol.event.TokenUsage;
import dev.turnstile.core.protocol.event.TokenUsageInfo;
import dev.turnstile.core.protocol.item.MessagePhase;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.item.TurnItem;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.rollout.CompactedItem;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.session.history.ContextualFragments;
import dev.turnstile.core.turn.ActiveTurn;
import dev.turnstile.core.turn.PendingCall;
import dev.turnstile.core.turn.TurnKind;
import dev.turnstile.core.turn.model.ModelOutput;
import dev.turnstile.core.turn.model.ModelResponse;
import dev.turnstile.core.turn.model.ModelUsage;
import dev.turnstile.core.turn.tool.ToolCall;
import dev.turnstile.core.turn.tool.ToolOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies what comes back from off-thread work: a model's sampling step, a model error, a tool's outcome. Each is
 * checked against what the turn waits for; a stale result (its turn was aborted or replaced) changes nothing.
 */
final class TurnResults {
    private TurnResults() {
    }

    static void onModelStep(Session session, Command.ModelStepCompleted step) {
        ActiveTurn turn = awaiting(session, step.turnId(), step.samplingIndex());
        if (turn == null) {
            return;
        }
        turn.stepArrived();
        ModelResponse response = step.response();
        switch (turn.kind()) {
            case COMPACT -> completeCompaction(session, turn, response);
            case REVIEW -> completeReview(session, turn, response);
            default -> applyRegularStep(session, turn, response);
        }
    }

    static void onModelFailure(Session session, Command.ModelStepFailed failure) {
        ActiveTurn turn = awaiting(session, failure.turnId(), failure.samplingIndex());
        if (turn == null) {
            return;
        }
        turn.stepArrived();
        session.emit(turn.turnId(), new EventMsg.Error(failure.message(), null));
        TurnLifecycle.finish(session);
    }

    private static ActiveTurn awaiting(Session session, String turnId, long samplingIndex) {
        ActiveTurn turn = session.activeTurn();
        if (turn == null || !turn.turnId().equals(turnId) || !turn.awaits(samplingIndex)) {
            return null;
        }
        return turn;
    }

    // ---- regular turns -----------------------------------------------------------------------------

    private static void applyRegularStep(Session session, ActiveTurn turn, ModelResponse response) {
        String turnId = turn.turnId();
        List<ToolCall> calls = new ArrayList<>(1);
        for (ModelOutput output : response.outputs()) {
            turn.markFirstToken(session.now());
            switch (output) {
                case ModelOutput.Reasoning reasoning -> emitReasoning(session, turnId, reasoning.text());
                case ModelOutput.AssistantMessage message -> emitAssistantMessage(session, turn, message);
                case ModelOutput.FunctionCall call -> {
                    session.recordItem(new ResponseItem.FunctionCall(call.name(), call.arguments(), call.callId()));
                    calls.add(ToolCall.parse(call));
                }
            }
        }
        emitTokenCount(session, turnId, response.usage());
        turn.setStepHadToolCalls(!calls.isEmpty());
        for (ToolCall call : calls) {
            dispatch(session, turn, call);
        }
        TurnLifecycle.continueOrFinish(session, turn);
    }

    private static void emitReasoning(Session session, String turnId, String text) {
        String itemId = session.newId();
        ObjectNode summary = JsonNodeFactory.instance.objectNode().put("type", "summary_text").put("text", text);
        session.recordItem(new ResponseItem.Reasoning(itemId, JsonNodeFactory.instance.arrayNode().add(summary), null,
                null, Map.of()));
        session.emit(turnId, new EventMsg.ItemStarted(session.threadId(), turnId,
                new TurnItem.Reasoning(itemId, List.of(), List.of(), Map.of()), session.now()));
        session.emit(turnId, new EventMsg.ItemCompleted(session.threadId(), turnId,
                new TurnItem.Reasoning(itemId, List.of(text), List.of(), Map.of()), session.now()));
        session.emit(turnId, new EventMsg.AgentReasoning(text));
    }

    private static void emitAssistantMessage(Session session, ActiveTurn turn, ModelOutput.AssistantMessage message) {
        String turnId = turn.turnId();
        String itemId = session.newId();
        MessagePhase phase = phase(message.phase());
        session.emit(turnId, new EventMsg.ItemStarted(session.threadId(), turnId,
                new TurnItem.AgentMessage(itemId, List.of(), phase, null, Map.of()), session.now()));
        for (String delta : message.deltas()) {
            session.emit(turnId, new EventMsg.AgentMessageContentDelta(session.threadId(), turnId, itemId, delta));
        }
        session.emit(turnId, new EventMsg.ItemCompleted(session.threadId(), turnId,
                new TurnItem.AgentMessage(itemId, message.text(), phase), session.now()));
        session.emit(turnId, new EventMsg.AgentMessage(message.text(), phase));
        session.recordItem(ResponseItem.Message.assistant(message.text(), phase));
        turn.setLastAgentMessage(message.text());
    }

    private static MessagePhase phase(String phase) {
        if (phase == null) {
            return null;
        }
        return phase.equals("commentary") ? MessagePhase.COMMENTARY : MessagePhase.FINAL_ANSWER;
    }

    static void emitTokenCount(Session session, String turnId, ModelUsage usage) {
        TokenUsage last = new TokenUsage(usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens(),
                usage.reasoningOutputTokens(), usage.totalTokens());
        TokenUsageInfo previous = session.tokenInfo();
        TokenUsage total = previous == null ? last : previous.totalTokenUsage().plus(last);
        TokenUsageInfo info = new TokenUsageInfo(total, last, session.configuration().modelContextWindow());
        session.setTokenInfo(info);
        session.emit(turnId, new EventMsg.TokenCount(info, null));
    }

    /** Routes one tool call: ask for approval, ask the client, run it, or tell the model it cannot be made. */
    private static void dispatch(Session session, ActiveTurn turn, ToolCall call) {
        String turnId = turn.turnId();
        switch (call) {
            case ToolCall.Shell shell -> {
                if (needsApproval(session, shell)) {
                    turn.addCall(new PendingCall(shell, PendingCall.Stage.AWAITING_APPROVAL, false));
                    session.emit(turnId, new EventMsg.ExecApprovalRequest(shell.callId(), null, turnId,
                            shell.command(), TurnLifecycle.resolveWorkdir(session.configuration().cwd(),
                            shell.workdir()), shell.justification(), null, null, null, null, null, List.of()));
                } else {
                    PendingCall pending = new PendingCall(shell, PendingCall.Stage.RUNNING, false);
                    turn.addCall(pending);
                    TurnLifecycle.startCommand(session, turn, pending, ExecCommandSource.AGENT);
                }
            }
            case ToolCall.ApplyPatch patch -> {
                turn.addCall(new PendingCall(patch, PendingCall.Stage.AWAITING_APPROVAL, false));
                session.emit(turnId, new EventMsg.ApplyPatchApprovalRequest(patch.callId(), turnId, Map.of(),
                        patch.reason(), null));
            }
            case ToolCall.RequestUserInput ask -> {
                turn.addCall(new PendingCall(ask, PendingCall.Stage.AWAITING_CLIENT, false));
                session.emit(turnId, new EventMsg.RequestUserInput(ask.callId(), turnId, ask.questions()));
            }
            case ToolCall.RequestPermissions ask -> {
                turn.addCall(new PendingCall(ask, PendingCall.Stage.AWAITING_CLIENT, false));
                session.emit(turnId, new EventMsg.RequestPermissions(ask.callId(), turnId, ask.reason(),
                        ask.permissions(), null));
            }
            case ToolCall.Dynamic dynamic -> {
                turn.addCall(new PendingCall(dynamic, PendingCall.Stage.AWAITING_CLIENT, false));
                session.emit(turnId, new EventMsg.DynamicToolCallRequest(dynamic.callId(), turnId, dynamic.tool(),
                        dynamic.arguments()));
            }
            case ToolCall.Invalid invalid -> session.recordItem(ResponseItem.FunctionCallOutput.text(invalid.callId(),
                    "error: " + invalid.problem()));
        }
    }

    /** Whether a command asks the user first, by the thread's approval policy. */
    static boolean needsApproval(Session session, ToolCall.Shell shell) {
        if (session.commandsApprovedForSession().contains(shell.command())) {
            return false;
        }
        AskForApproval policy = session.configuration().approvalPolicy();
        if (policy instanceof AskForApproval.Granular granular) {
            return shell.escalated() && granular.config().sandboxApproval();
        }
        return switch ((AskForApproval.Mode) policy) {
            case NEVER, ON_FAILURE -> false;
            case ON_REQUEST -> shell.escalated();
            case UNTRUSTED -> true;
        };
    }

    // ---- tool outcomes -----------------------------------------------------------------------------

    static void onToolCompleted(Session session, Command.ToolCompleted done) {
        ActiveTurn turn = session.activeTurn();
        if (turn == null || !turn.turnId().equals(done.turnId())) {
            return;
        }
        PendingCall pending = turn.call(done.callId());
        if (pending == null || pending.stage() != PendingCall.Stage.RUNNING) {
            return;
        }
        turn.removeCall(done.callId());
        ToolCall.Shell shell = (ToolCall.Shell) pending.call();
        ToolOutcome outcome = done.outcome();
        String cwd = TurnLifecycle.resolveWorkdir(session.configuration().cwd(), shell.workdir());
        ExecCommandSource source = pending.userShell() ? ExecCommandSource.USER_SHELL : ExecCommandSource.AGENT;
        session.emit(turn.turnId(), new EventMsg.ExecCommandEnd(shell.callId(), null, turn.turnId(), session.now(),
                shell.command(), cwd, List.of(), source, null, outcome.stdout(), outcome.stderr(),
                outcome.aggregatedOutput(), outcome.exitCode(), WireDuration.of(Duration.ofMillis(outcome.durationMillis())),
                outcome.formattedForModel(), outcome.exitCode() == 0 ? ExecCommandStatus.COMPLETED
                : ExecCommandStatus.FAILED, Map.of()));
        if (pending.userShell()) {
            session.recordItem(ResponseItem.Message.user(userShellRecord(shell, outcome)));
            if (turn.kind() == TurnKind.USER_SHELL) {
                TurnLifecycle.finish(session);
            }
            return;
        }
        session.recordItem(ResponseItem.FunctionCallOutput.text(shell.callId(), outcome.formattedForModel()));
        turn.setLastToolOutput(outcome.aggregatedOutput());
        TurnLifecycle.continueOrFinish(session, turn);
    }

    private static String userShellRecord(ToolCall.Shell shell, ToolOutcome outcome) {
        String body = "\n<command>\n" + shell.command().get(shell.command().size() - 1) + "\n</command>\n<result>\n"
                + "Exit code: " + outcome.exitCode() + "\nDuration: "
                + String.format(Locale.ROOT, "%.4f", outcome.durationMillis() / 1000.0) + " seconds\nOutput:\n"
                + outcome.aggregatedOutput() + "\n</result>\n";
        return ContextualFragments.wrap("<user_shell_command>", "</user_shell_command>", body);
    }

    // ---- compact and review ------------------------------------------------------------------------

    /**
     * A compaction's summary replaces the history: the user messages so far (not earlier summaries, not context)
     * followed by the summary as a user message; the reference context is cleared so the next turn re-injects it.
     */
    private static void completeCompaction(Session session, ActiveTurn turn, ModelResponse response) {
        String summary = firstText(response);
        if (summary == null || summary.isBlank()) {
            summary = "(no summary available)";
        }
        List<ResponseItem> replacement = new ArrayList<>();
        for (ResponseItem item : session.history().items()) {
            if (item instanceof ResponseItem.Message message && "user".equals(message.role())
                    && ContextualFragments.isUserTurnBoundary(item)
                    && !message.joinedText().startsWith(TurnLifecycle.SUMMARY_PREFIX)) {
                replacement.add(ResponseItem.Message.user(message.joinedText()));
            }
        }
        replacement.add(ResponseItem.Message.user(TurnLifecycle.SUMMARY_PREFIX + summary));
        session.recordRolloutItem(new RolloutItem.CompactedLine(new CompactedItem(summary, replacement)));
        session.history().replace(replacement);
        session.history().setReferenceContext(null);
        emitTokenCount(session, turn.turnId(), response.usage());
        session.emit(turn.turnId(), new EventMsg.ItemCompleted(session.threadId(), turn.turnId(),
                new TurnItem.ContextCompaction(turn.taskItemId(), Map.of()), session.now()));
        session.emit(turn.turnId(), new EventMsg.ContextCompacted(Map.of()));
        session.rollout().materialize();
        TurnLifecycle.finish(session);
    }

    private static void completeReview(Session session, ActiveTurn turn, ModelResponse response) {
        String text = firstText(response);
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.putArray("findings");
        output.put("overall_correctness", "");
        output.put("overall_explanation", text == null ? "" : text);
        output.put("overall_confidence_score", 0.0);
        emitTokenCount(session, turn.turnId(), response.usage());
        session.emit(turn.turnId(), new EventMsg.ExitedReviewMode(output));
        if (text != null) {
            session.recordItem(ResponseItem.Message.assistant(text, MessagePhase.FINAL_ANSWER));
            turn.setLastAgentMessage(text);
        }
        TurnLifecycle.finish(session);
    }

    private static String firstText(ModelResponse response) {
        for (ModelOutput output : response.outputs()) {
            if (output instanceof ModelOutput.AssistantMessage message) {
                return message.text();
            }
        }
        return null;
    }
}
