package dev.turnstile.core.session;

import static dev.turnstile.core.session.SessionHarness.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ReviewDecision;
import dev.turnstile.core.protocol.policy.TurnAbortReason;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.turn.model.ModelOutput;
import dev.turnstile.core.turn.model.ModelRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Approvals and client answers resolve the pending tool call they name (spec §1.2 rows 13-18). */
class ApprovalRoutingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ModelOutput.FunctionCall escalatedShell(String callId, String... argv) throws Exception {
        return new ModelOutput.FunctionCall(callId, "shell", JSON.writeValueAsString(java.util.Map.of(
                "command", List.of(argv), "sandbox_permissions", "require_escalated", "justification", "to test")));
    }

    /** Starts a turn whose first step asks to run an escalated command; returns the approval request. */
    private static EventMsg.ExecApprovalRequest startTurnNeedingApproval(SessionHarness session, ControlledModel model)
            throws Exception {
        session.submit("1", Op.UserInput.text("run it"));
        model.nextRequest();
        model.answer(escalatedShell("call-1", "printf", "approved-output"));
        Event request = session.await("exec_approval_request");
        assertThat(request.id()).isEqualTo("1");
        return (EventMsg.ExecApprovalRequest) request.msg();
    }

    @Test
    void anApprovedCommandRunsAndItsOutputReachesTheModel() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            EventMsg.ExecApprovalRequest request = startTurnNeedingApproval(session, model);
            assertThat(request.callId()).isEqualTo("call-1");
            assertThat(request.turnId()).isEqualTo("1");
            assertThat(request.command()).containsExactly("printf", "approved-output");
            assertThat(request.reason()).isEqualTo("to test");

            session.submit("2", new Op.ExecApproval("call-1", ReviewDecision.APPROVED));
            List<Event> run = session.untilType("exec_command_end");
            assertThat(types(run)).containsExactly("exec_command_begin", "exec_command_end");
            assertThat(((EventMsg.ExecCommandEnd) run.get(1).msg()).stdout()).isEqualTo("approved-output");

            ModelRequest followUp = model.nextRequest();
            assertThat(followUp.lastToolOutput()).isEqualTo("approved-output");
            model.answerText("it printed approved-output");
            assertThat(((EventMsg.TurnComplete) session.await("task_complete").msg()).lastAgentMessage())
                    .isEqualTo("it printed approved-output");
        }
    }

    @Test
    void aDeniedCommandDoesNotRunAndTheModelIsToldSo() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            startTurnNeedingApproval(session, model);
            session.submit("2", new Op.ExecApproval("call-1", ReviewDecision.DENIED));
            model.nextRequest();
            model.answerText("ok, I will not");
            List<Event> rest = session.untilType("task_complete");
            assertThat(types(rest)).doesNotContain("exec_command_begin", "exec_command_end");
            assertThat(session.rollout()).anySatisfy(item -> assertThat(item).isEqualTo(new RolloutItem.ResponseItemLine(
                    ResponseItem.FunctionCallOutput.text("call-1", Approvals.COMMAND_REJECTED))));
        }
    }

    @Test
    void anApprovalForAnUnknownIdIsAWarningAndTheTurnKeepsWaiting() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            startTurnNeedingApproval(session, model);
            session.submit("2", new Op.ExecApproval("no-such-call", ReviewDecision.APPROVED));
            Event warning = session.next();
            assertThat(warning.msg()).isEqualTo(new EventMsg.Warning(
                    "no pending exec approval with id `no-such-call`; the answer was ignored"));
            session.submit("3", new Op.ExecApproval("call-1", ReviewDecision.APPROVED));
            assertThat(session.await("exec_command_end").msg()).isInstanceOf(EventMsg.ExecCommandEnd.class);
        }
    }

    @Test
    void anAbortDecisionInterruptsTheTurn() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            startTurnNeedingApproval(session, model);
            session.submit("2", new Op.ExecApproval("call-1", ReviewDecision.ABORT));
            assertThat(session.next().msg()).isInstanceOfSatisfying(EventMsg.TurnAborted.class,
                    aborted -> assertThat(aborted.reason()).isEqualTo(TurnAbortReason.INTERRUPTED));
            assertThat(session.drainWithProbe()).isEmpty();
        }
    }

    @Test
    void approvedForSessionSkipsTheQuestionNextTime() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            startTurnNeedingApproval(session, model);
            session.submit("2", new Op.ExecApproval("call-1", ReviewDecision.APPROVED_FOR_SESSION));
            model.nextRequest();
            model.answer(escalatedShell("call-2", "printf", "approved-output"));
            List<Event> second = session.untilType("exec_command_end");
            assertThat(types(second)).doesNotContain("exec_approval_request");
        }
    }

    @Test
    void aRequestForUserInputIsAnsweredByTheTurnThatAsked() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            session.submit("1", Op.UserInput.text("ask me"));
            model.nextRequest();
            model.answer(new ModelOutput.FunctionCall("call-q", "request_user_input",
                    "{\"questions\":[{\"id\":\"color\",\"question\":\"Which color?\"}]}"));
            EventMsg.RequestUserInput ask = (EventMsg.RequestUserInput) session.await("request_user_input").msg();
            assertThat(ask.callId()).isEqualTo("call-q");
            assertThat(ask.turnId()).isEqualTo("1");
            session.submit("2", new Op.UserInputAnswer("1",
                    JSON.readTree("{\"answers\":{\"color\":{\"answers\":[\"blue\"]}}}")));
            assertThat(model.nextRequest().lastToolOutput()).contains("blue");
        }
    }

    @Test
    void aDynamicToolIsRunByTheClientAndItsResultReachesTheModel() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            session.submit("1", Op.UserInput.text("look it up"));
            model.nextRequest();
            model.answer(new ModelOutput.FunctionCall("call-d", "lookup_ticket", "{\"ticket\":42}"));
            EventMsg.DynamicToolCallRequest ask = (EventMsg.DynamicToolCallRequest) session
                    .await("dynamic_tool_call_request").msg();
            assertThat(ask.tool()).isEqualTo("lookup_ticket");
            assertThat(ask.arguments().get("ticket").asInt()).isEqualTo(42);
            session.submit("2", new Op.DynamicToolResponse("call-d", JSON.readTree(
                    "{\"contentItems\":[{\"type\":\"inputText\",\"text\":\"ticket 42 is open\"}],\"success\":true}")));
            EventMsg.DynamicToolCallResponse done = (EventMsg.DynamicToolCallResponse) session
                    .await("dynamic_tool_call_response").msg();
            assertThat(done.success()).isTrue();
            assertThat(model.nextRequest().lastToolOutput()).contains("ticket 42 is open");
        }
    }

    @Test
    void aPermissionsRequestIsAnsweredByCallId() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            session.submit("1", Op.UserInput.text("need network"));
            model.nextRequest();
            model.answer(new ModelOutput.FunctionCall("call-p", "request_permissions",
                    "{\"reason\":\"fetch deps\",\"permissions\":{\"network\":{\"enabled\":true}}}"));
            EventMsg.RequestPermissions ask = (EventMsg.RequestPermissions) session.await("request_permissions").msg();
            assertThat(ask.reason()).isEqualTo("fetch deps");
            session.submit("2", new Op.RequestPermissionsResponse("call-p",
                    JSON.readTree("{\"permissions\":{\"network\":{\"enabled\":true}},\"scope\":\"turn\"}")));
            assertThat(model.nextRequest().lastToolOutput()).contains("\"scope\":\"turn\"");
        }
    }

    @Test
    void aPatchApprovalResolvesThePendingPatch() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            session.submit("1", Op.UserInput.text("patch it"));
            model.nextRequest();
            model.answer(new ModelOutput.FunctionCall("call-patch", "apply_patch", "{\"reason\":\"fix typo\"}"));
            EventMsg.ApplyPatchApprovalRequest ask = (EventMsg.ApplyPatchApprovalRequest) session
                    .await("apply_patch_approval_request").msg();
            assertThat(ask.callId()).isEqualTo("call-patch");
            session.submit("2", new Op.PatchApproval("call-patch", ReviewDecision.DENIED));
            assertThat(model.nextRequest().lastToolOutput()).isEqualTo("patch rejected by user");
        }
    }
}
