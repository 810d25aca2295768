package dev.turnstile.core.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.event.ExecCommandSource;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.NetworkPolicyAmendment;
import dev.turnstile.core.protocol.policy.ReviewDecision;
import dev.turnstile.core.protocol.policy.TurnAbortReason;
import dev.turnstile.core.turn.ActiveTurn;
import dev.turnstile.core.turn.PendingCall;
import dev.turnstile.core.turn.tool.ToolCall;
import java.util.List;

/**
 * Routes the client's answers (approval decisions, user input, granted permissions, dynamic tool results) to the
 * pending tool call they name. An answer that names nothing pending is a clear warning, never a crash.
 */
final class Approvals {
    static final String COMMAND_REJECTED = "exec command rejected by user";

    private Approvals() {
    }

    static void onExecApproval(Session session, String submissionId, Op.ExecApproval op) {
        ReviewDecision decision = op.decision();
        if (decision == ReviewDecision.ABORT) {
            interrupt(session);
            return;
        }
        PendingCall pending = pendingOf(session, op.id(), ToolCall.Shell.class, PendingCall.Stage.AWAITING_APPROVAL);
        if (pending == null) {
            warnNothingPending(session, op.turnId() != null ? op.turnId() : op.id(), "exec approval", op.id());
            return;
        }
        ActiveTurn turn = session.activeTurn();
        ToolCall.Shell shell = (ToolCall.Shell) pending.call();
        if (decision instanceof ReviewDecision.ApprovedExecpolicyAmendment amendment) {
            // No exec-policy file yet: the approved prefix holds for the rest of the session, and the model is told.
            session.commandsApprovedForSession().add(List.copyOf(amendment.proposedExecpolicyAmendment()));
            session.recordItem(ResponseItem.Message.developer("Approved command prefix saved for this session: "
                    + String.join(" ", amendment.proposedExecpolicyAmendment())));
        }
        if (approves(decision)) {
            if (decision == ReviewDecision.APPROVED_FOR_SESSION) {
                session.commandsApprovedForSession().add(List.copyOf(shell.command()));
            }
            TurnLifecycle.startCommand(session, turn, pending, ExecCommandSource.AGENT);
        } else {
            turn.removeCall(pending.callId());
            session.recordItem(ResponseItem.FunctionCallOutput.text(pending.callId(), COMMAND_REJECTED));
            TurnLifecycle.continueOrFinish(session, turn);
        }
    }

    static void onPatchApproval(Session session, Op.PatchApproval op) {
        if (op.decision() == ReviewDecision.ABORT) {
            interrupt(session);
            return;
        }
        PendingCall pending = pendingOf(session, op.id(), ToolCall.ApplyPatch.class,
                PendingCall.Stage.AWAITING_APPROVAL);
        if (pending == null) {
            warnNothingPending(session, op.id(), "patch approval", op.id());
            return;
        }
        String output = approves(op.decision())
                ? "patch approved, but Turnstile does not apply patches yet: the files were not changed"
                : "patch rejected by user";
        answer(session, pending, output);
    }

    static void onUserInputAnswer(Session session, Op.UserInputAnswer op) {
        // The op names the turn that asked; the oldest open question of that turn gets the answer.
        ActiveTurn turn = session.activeTurn();
        PendingCall pending = null;
        if (turn != null && turn.turnId().equals(op.id())) {
            for (PendingCall call : turn.calls()) {
                if (call.call() instanceof ToolCall.RequestUserInput && call.stage() == PendingCall.Stage.AWAITING_CLIENT) {
                    pending = call;
                    break;
                }
            }
        }
        if (pending == null) {
            warnNothingPending(session, op.id(), "request for user input", op.id());
            return;
        }
        answer(session, pending, op.response().toString());
    }

    static void onPermissionsResponse(Session session, Op.RequestPermissionsResponse op) {
        PendingCall pending = pendingOf(session, op.id(), ToolCall.RequestPermissions.class,
                PendingCall.Stage.AWAITING_CLIENT);
        if (pending == null) {
            warnNothingPending(session, op.id(), "permissions request", op.id());
            return;
        }
        answer(session, pending, op.response().toString());
    }

    static void onDynamicToolResponse(Session session, Op.DynamicToolResponse op) {
        PendingCall pending = pendingOf(session, op.id(), ToolCall.Dynamic.class, PendingCall.Stage.AWAITING_CLIENT);
        if (pending == null) {
            warnNothingPending(session, op.id(), "dynamic tool call", op.id());
            return;
        }
        ToolCall.Dynamic call = (ToolCall.Dynamic) pending.call();
        ActiveTurn turn = session.activeTurn();
        JsonNode response = op.response();
        boolean success = response.path("success").asBoolean(false);
        JsonNode content = response.path("contentItems");
        session.emit(turn.turnId(), new EventMsg.DynamicToolCallResponse(call.callId(), turn.turnId(), session.now(),
                null, call.tool(), call.arguments(), content.isMissingNode() ? null : content, success, null, null,
                java.util.Map.of()));
        answer(session, pending, content.isMissingNode() ? response.toString() : content.toString());
    }

    /** Gives a waiting call its output and lets the turn go on. */
    private static void answer(Session session, PendingCall pending, String output) {
        ActiveTurn turn = session.activeTurn();
        turn.removeCall(pending.callId());
        session.recordItem(ResponseItem.FunctionCallOutput.text(pending.callId(), output));
        turn.setLastToolOutput(output);
        TurnLifecycle.continueOrFinish(session, turn);
    }

    private static PendingCall pendingOf(Session session, String callId, Class<? extends ToolCall> kind,
                                         PendingCall.Stage stage) {
        ActiveTurn turn = session.activeTurn();
        if (turn == null) {
            return null;
        }
        PendingCall pending = turn.call(callId);
        if (pending == null || !kind.isInstance(pending.call()) || pending.stage() != stage) {
            return null;
        }
        return pending;
    }

    private static boolean approves(ReviewDecision decision) {
        return decision == ReviewDecision.APPROVED || decision == ReviewDecision.APPROVED_FOR_SESSION
                || decision instanceof ReviewDecision.ApprovedExecpolicyAmendment
                || decision instanceof ReviewDecision.NetworkPolicy network
                && network.networkPolicyAmendment().action() == NetworkPolicyAmendment.Action.ALLOW;
    }

    private static void warnNothingPending(Session session, String eventId, String what, String id) {
        session.emit(eventId, new EventMsg.Warning("no pending " + what + " with id `" + id + "`; the answer was ignored"));
    }

    /** Interrupt (also what an {@code abort} decision does): abort the running turn, then start queued work. */
    static void interrupt(Session session) {
        ActiveTurn turn = session.activeTurn();
        if (turn == null) {
            return;
        }
        TurnLifecycle.abort(session, TurnAbortReason.INTERRUPTED);
        TurnLifecycle.startQueuedWork(session, turn.turnId());
    }
}
