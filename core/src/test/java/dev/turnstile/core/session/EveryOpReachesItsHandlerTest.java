package dev.turnstile.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.codec.DecodeResult;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op of spec §1.2 decodes from its wire line and reaches its handler, which answers the way the spec says
 * (or, for the ops that need parts Turnstile does not have yet, with an error saying so).
 */
class EveryOpReachesItsHandlerTest {

    /** What a case does before the op, and how it checks the op was handled. */
    interface Step {
        void run(SessionHarness session, ControlledModel model) throws Exception;
    }

    record Case(String type, Step setup, String line, Step check) {
        @Override
        public String toString() {
            return type;
        }
    }

    private static final Step IDLE = (session, model) -> { };
    private static final Step RUNNING_TURN = (session, model) -> {
        session.submit("t", Op.UserInput.text("work"));
        model.nextRequest();
        session.await("user_message");
    };

    private static Step firstEvent(String type) {
        return (session, model) -> assertThat(session.next().msg().type()).isEqualTo(type);
    }

    private static Step errorContaining(String text) {
        return (session, model) -> assertThat(session.next().msg()).isInstanceOfSatisfying(EventMsg.Error.class,
                error -> assertThat(error.message()).contains(text));
    }

    private static Step warningContaining(String text) {
        return (session, model) -> assertThat(session.next().msg()).isInstanceOfSatisfying(EventMsg.Warning.class,
                warning -> assertThat(warning.message()).contains(text));
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("interrupt", RUNNING_TURN, "{\"type\":\"interrupt\"}", firstEvent("turn_aborted")),
                new Case("clean_background_terminals",
                        (session, model) -> {
                            session.submit("sh", new Op.RunUserShellCommand("sleep 60"));
                            session.await("exec_command_begin");
                        },
                        "{\"type\":\"clean_background_terminals\"}",
                        (session, model) -> assertThat(((EventMsg.ExecCommandEnd) session.await("exec_command_end")
                                .msg()).exitCode()).isNotZero()),
                new Case("realtime_conversation_start", IDLE,
                        "{\"type\":\"realtime_conversation_start\",\"output_modality\":\"text\"}",
                        errorContaining("realtime conversations are not supported")),
                new Case("realtime_conversation_audio", IDLE,
                        "{\"type\":\"realtime_conversation_audio\",\"frame\":{\"data\":\"AA==\",\"sample_rate\":24000,"
                                + "\"num_channels\":1}}", errorContaining("realtime")),
                new Case("realtime_conversation_text", IDLE, "{\"type\":\"realtime_conversation_text\",\"text\":\"x\"}",
                        errorContaining("realtime")),
                new Case("realtime_conversation_close", IDLE, "{\"type\":\"realtime_conversation_close\"}",
                        errorContaining("realtime")),
                new Case("realtime_conversation_list_voices", IDLE,
                        "{\"type\":\"realtime_conversation_list_voices\"}",
                        firstEvent("realtime_conversation_list_voices_response")),
                new Case("override_turn_context", IDLE,
                        "{\"type\":\"override_turn_context\",\"model\":\"overridden-model\"}",
                        (session, model) -> {
                            session.submit("next", Op.UserInput.text("hi"));
                            assertThat(model.nextRequest().model()).isEqualTo("overridden-model");
                        }),
                new Case("user_input", IDLE, "{\"type\":\"user_input\",\"items\":[{\"type\":\"text\",\"text\":\"hi\","
                        + "\"text_elements\":[]}]}", firstEvent("task_started")),
                new Case("user_input_with_turn_context", IDLE, "{\"type\":\"user_input_with_turn_context\","
                        + "\"items\":[{\"type\":\"text\",\"text\":\"hi\",\"text_elements\":[]}],\"model\":\"m2\"}",
                        (session, model) -> {
                            assertThat(session.next().msg().type()).isEqualTo("task_started");
                            assertThat(model.nextRequest().model()).isEqualTo("m2");
                        }),
                new Case("user_turn", IDLE, "{\"type\":\"user_turn\",\"items\":[{\"type\":\"text\",\"text\":\"hi\","
                        + "\"text_elements\":[]}],\"cwd\":\"/tmp\",\"approval_policy\":\"never\",\"sandbox_policy\":"
                        + "{\"type\":\"read-only\"},\"model\":\"m3\"}", firstEvent("task_started")),
                new Case("inter_agent_communication", IDLE, "{\"type\":\"inter_agent_communication\",\"communication\":"
                        + "{\"author\":\"/root\",\"recipient\":\"/root/worker\",\"other_recipients\":[],\"content\":"
                        + "\"go\",\"trigger_turn\":true}}", firstEvent("task_started")),
                new Case("exec_approval", IDLE, "{\"type\":\"exec_approval\",\"id\":\"nope\",\"decision\":\"approved\"}",
                        warningContaining("no pending exec approval with id `nope`")),
                new Case("patch_approval", IDLE, "{\"type\":\"patch_approval\",\"id\":\"nope\",\"decision\":\"denied\"}",
                        warningContaining("no pending patch approval")),
                new Case("resolve_elicitation", IDLE, "{\"type\":\"resolve_elicitation\",\"server_name\":\"s\","
                        + "\"request_id\":7,\"decision\":\"accept\"}", errorContaining("MCP elicitations")),
                new Case("user_input_answer", IDLE, "{\"type\":\"user_input_answer\",\"id\":\"nope\",\"response\":"
                        + "{\"answers\":{}}}", warningContaining("no pending request for user input")),
                new Case("request_permissions_response", IDLE, "{\"type\":\"request_permissions_response\",\"id\":"
                        + "\"nope\",\"response\":{\"permissions\":{}}}", warningContaining("no pending permissions")),
                new Case("dynamic_tool_response", IDLE, "{\"type\":\"dynamic_tool_response\",\"id\":\"nope\","
                        + "\"response\":{\"contentItems\":[],\"success\":true}}", warningContaining("dynamic tool")),
                new Case("refresh_mcp_servers", IDLE, "{\"type\":\"refresh_mcp_servers\",\"config\":{\"mcp_servers\":{}}}",
                        errorContaining("MCP servers are not supported")),
                new Case("reload_user_config", IDLE, "{\"type\":\"reload_user_config\"}",
                        warningContaining("nothing to reload")),
                new Case("compact", IDLE, "{\"type\":\"compact\"}", firstEvent("task_started")),
                new Case("set_thread_memory_mode", IDLE, "{\"type\":\"set_thread_memory_mode\",\"mode\":\"disabled\"}",
                        (session, model) -> assertThat(session.drainWithProbe()).isEmpty()),
                new Case("thread_rollback", IDLE, "{\"type\":\"thread_rollback\",\"num_turns\":0}",
                        errorContaining("num_turns must be >= 1")),
                new Case("review", IDLE, "{\"type\":\"review\",\"review_request\":{\"target\":{\"type\":"
                        + "\"uncommittedChanges\"}}}", (session, model) -> {
                            assertThat(session.next().msg().type()).isEqualTo("task_started");
                            assertThat(session.next().msg().type()).isEqualTo("entered_review_mode");
                        }),
                new Case("approve_guardian_denied_action", IDLE, "{\"type\":\"approve_guardian_denied_action\","
                        + "\"event\":{\"status\":\"denied\",\"action\":{\"command\":\"rm -rf build\"}}}",
                        (session, model) -> {
                            // Queued for the next turn, which then records it before sampling.
                            session.submit("next", Op.UserInput.text("go on"));
                            model.nextRequest();
                            assertThat(session.rollout()).anySatisfy(item -> assertThat(item)
                                    .isInstanceOfSatisfying(RolloutItem.ResponseItemLine.class, line -> assertThat(
                                            ((ResponseItem.Message) line.payload()).joinedText())
                                            .startsWith(SubmissionLoop.GUARDIAN_APPROVAL_PREFIX)
                                            .contains("rm -rf build")));
                        }),
                new Case("shutdown", IDLE, "{\"type\":\"shutdown\"}", firstEvent("shutdown_complete")),
                new Case("run_user_shell_command", IDLE, "{\"type\":\"run_user_shell_command\",\"command\":\"true\"}",
                        firstEvent("task_started")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theOpDecodesAndItsHandlerAnswers(Case testCase) throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            testCase.setup().run(session, model);
            DecodeResult<Submission> decoded = ProtocolCodec.shared().decodeSubmission(
                    "{\"id\":\"op\",\"op\":" + testCase.line() + "}");
            assertThat(decoded).isInstanceOf(DecodeResult.Decoded.class);
            Submission submission = ((DecodeResult.Decoded<Submission>) decoded).value();
            assertThat(submission.op().kind()).isEqualTo(testCase.type());
            session.submit(submission.id(), submission.op());
            testCase.check().run(session, model);
        }
    }

    @Test
    void theTableCoversEveryOp() {
        Set<String> covered = cases().map(Case::type).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (Class<?> op : Op.class.getPermittedSubclasses()) {
            String wire = dev.turnstile.core.protocol.WireNames.of(op);
            if (!covered.contains(wire)) {
                missing.add(wire);
            }
        }
        assertThat(missing).as("ops without a handler case").isEmpty();
        assertThat(covered).hasSize(Op.class.getPermittedSubclasses().length);
    }

}
