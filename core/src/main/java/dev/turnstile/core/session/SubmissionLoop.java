package dev.turnstile.core.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.event.RealtimeVoicesList;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.item.UserInput;
import dev.turnstile.core.protocol.op.AgentCommunication;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.CodexErrorInfo;
import dev.turnstile.core.protocol.policy.TurnAbortReason;
import dev.turnstile.core.turn.ActiveTurn;
import dev.turnstile.core.turn.TurnInput;
import dev.turnstile.core.turn.TurnKind;
import java.util.List;

/**
 * The submission loop: one case per op of spec §1.2, applied to the thread's session on its dispatch thread. Every
 * op is answered; those that need parts Turnstile does not have yet (realtime audio, MCP servers) get an
 * {@code error} event saying so.
 */
final class SubmissionLoop {
    static final String GUARDIAN_APPROVAL_PREFIX = "The user reviewed an action the guardian denied and allowed it. "
            + "You may now perform it as described below.\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SubmissionLoop() {
    }

    static void apply(Session session, String submissionId, Op op) {
        switch (op) {
            case Op.Interrupt interrupt -> Approvals.interrupt(session);
            case Op.CleanBackgroundTerminals clean -> session.services().effects().terminateProcesses(session.thread());
            case Op.RealtimeConversationStart start -> notSupported(session, submissionId,
                    "realtime conversations are not supported by Turnstile yet");
            case Op.RealtimeConversationAudio audio -> notSupported(session, submissionId,
                    "realtime conversations are not supported by Turnstile yet: no realtime stream is running");
            case Op.RealtimeConversationText text -> notSupported(session, submissionId,
                    "realtime conversations are not supported by Turnstile yet: no realtime stream is running");
            case Op.RealtimeConversationClose close -> notSupported(session, submissionId,
                    "realtime conversations are not supported by Turnstile yet: no realtime stream is running");
            case Op.RealtimeConversationListVoices voices -> session.emit(submissionId,
                    new EventMsg.RealtimeConversationListVoicesResponse(RealtimeVoicesList.builtin()));
            case Op.OverrideTurnContext override -> applySettings(session, submissionId, SettingsUpdate.of(override));
            case Op.UserInput input -> onUserInput(session, submissionId, op, input.items());
            case Op.UserInputWithTurnContext input -> onUserInput(session, submissionId, op, input.items());
            case Op.UserTurn input -> onUserInput(session, submissionId, op, input.items());
            case Op.InterAgentCommunication mail -> onMail(session, submissionId, mail.communication());
            case Op.ExecApproval approval -> Approvals.onExecApproval(session, submissionId, approval);
            case Op.PatchApproval approval -> Approvals.onPatchApproval(session, approval);
            case Op.ResolveElicitation elicitation -> notSupported(session, submissionId,
                    "MCP elicitations are not supported by Turnstile yet (no MCP servers run): the answer to request "
                            + elicitation.requestId() + " of server `" + elicitation.serverName() + "` was ignored");
            case Op.UserInputAnswer answer -> Approvals.onUserInputAnswer(session, answer);
            case Op.RequestPermissionsResponse response -> Approvals.onPermissionsResponse(session, response);
            case Op.DynamicToolResponse response -> Approvals.onDynamicToolResponse(session, response);
            case Op.RefreshMcpServers refresh -> notSupported(session, submissionId,
                    "MCP servers are not supported by Turnstile yet: the MCP server configuration was not applied");
            case Op.ReloadUserConfig reload -> session.emit(submissionId, new EventMsg.Warning(
                    "no user configuration file is loaded, so there is nothing to reload"));
            case Op.Compact compact -> TurnLifecycle.startCompact(session, submissionId);
            case Op.SetThreadMemoryMode mode -> session.setMemoryMode(mode.mode());
            case Op.ThreadRollback rollback -> Rollback.apply(session, submissionId, rollback.numTurns());
            case Op.Review review -> TurnLifecycle.startReview(session, submissionId, review.reviewRequest());
            case Op.ApproveGuardianDeniedAction approval -> onGuardianApproval(session, approval.event());
            case Op.Shutdown shutdown -> Teardown.shutdown(session, submissionId);
            case Op.RunUserShellCommand shell -> {
                ActiveTurn turn = session.activeTurn();
                if (turn != null) {
                    TurnLifecycle.runUserShell(session, turn, shell.command());
                } else {
                    TurnLifecycle.startUserShell(session, submissionId, shell.command());
                }
            }
        }
    }

    /**
     * {@code user_input}, {@code user_input_with_turn_context}, {@code user_turn} (spec §1.3): apply the settings
     * (they persist even if the input is then steered), then steer into the running turn or start a new one.
     */
    private static void onUserInput(Session session, String submissionId, Op op, List<UserInput> items) {
        if (!applySettings(session, submissionId, SettingsUpdate.of(op))) {
            return;
        }
        switch (Steering.steer(session, items, null)) {
            case Steering.Result.Steered steered -> {
            }
            case Steering.Result.NoActiveTurn none -> TurnLifecycle.startRegular(session, submissionId, items);
            case Steering.Result.Rejected rejected -> session.emit(submissionId,
                    new EventMsg.Error(rejected.message(), rejected.info()));
        }
    }

    /** {@code turn/steer}: steer into the expected running turn, never start one. */
    static void steerOnly(Session session, Command.Steer steer) {
        switch (Steering.steer(session, steer.items(), steer.expectedTurnId())) {
            case Steering.Result.Steered steered -> {
            }
            case Steering.Result.NoActiveTurn none -> session.emit(steer.submissionId(),
                    new EventMsg.Error("no active turn to steer", CodexErrorInfo.BAD_REQUEST));
            case Steering.Result.Rejected rejected -> session.emit(steer.submissionId(),
                    new EventMsg.Error(rejected.message(), rejected.info()));
        }
    }

    /** Applies a settings update; on a constraint failure answers {@code error} (bad_request) and returns false. */
    private static boolean applySettings(Session session, String submissionId, SettingsUpdate update) {
        if (update == SettingsUpdate.NONE) {
            return true;
        }
        try {
            session.setConfiguration(update.applyTo(session.configuration(), session.services().processDirectory()));
            return true;
        } catch (SettingsRejectedException rejected) {
            session.emit(submissionId, new EventMsg.Error(rejected.getMessage(), CodexErrorInfo.BAD_REQUEST));
            return false;
        }
    }

    /** Inter-agent mail: delivered into a running regular turn, else kept for the next; it may start a turn. */
    private static void onMail(Session session, String submissionId, AgentCommunication mail) {
        ActiveTurn turn = session.activeTurn();
        if (turn != null && turn.kind() == TurnKind.REGULAR) {
            turn.pendingInput().add(new TurnInput.Item(TurnLifecycle.mailItem(mail)));
            return;
        }
        session.mailbox().add(mail);
        if (turn == null && mail.triggersTurn()) {
            TurnLifecycle.startRegular(session, submissionId, List.of());
        }
    }

    /** A guardian-denied action the user allowed: told to the model in the running turn, or in the next one. */
    private static void onGuardianApproval(Session session, JsonNode event) {
        if (!"denied".equals(event.path("status").asText())) {
            return;
        }
        ObjectNode outcome = JSON.createObjectNode();
        outcome.set("action", event.path("action").isMissingNode() ? JSON.nullNode() : event.get("action"));
        outcome.put("outcome", "allowed");
        ResponseItem message = ResponseItem.Message.developer(GUARDIAN_APPROVAL_PREFIX + outcome.toPrettyString());
        ActiveTurn turn = session.activeTurn();
        if (turn != null) {
            turn.pendingInput().add(new TurnInput.Item(message));
        } else {
            session.queuedForNextTurn().add(message);
        }
    }

    private static void notSupported(Session session, String submissionId, String message) {
        session.emit(submissionId, new EventMsg.Error(message, CodexErrorInfo.OTHER));
    }

    /** Used by teardown paths: abort what runs as interrupted. */
    static void abortRunning(Session session) {
        TurnLifecycle.abort(session, TurnAbortReason.INTERRUPTED);
    }
}
