package dev.turnstile.core.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.WireDuration;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.codec.ProtocolDecodeException;
import dev.turnstile.core.protocol.item.ByteRange;
import dev.turnstile.core.protocol.item.MessagePhase;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.item.TextElement;
import dev.turnstile.core.protocol.item.TurnItem;
import dev.turnstile.core.protocol.item.UserInput;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.policy.ApprovalsReviewer;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.CodexErrorInfo;
import dev.turnstile.core.protocol.policy.ModeKind;
import dev.turnstile.core.protocol.policy.NetworkPolicyAmendment;
import dev.turnstile.core.protocol.policy.NonSteerableTurnKind;
import dev.turnstile.core.protocol.policy.ReasoningEffort;
import dev.turnstile.core.protocol.policy.ReviewDecision;
import dev.turnstile.core.protocol.policy.ReviewRequest;
import dev.turnstile.core.protocol.policy.ReviewTarget;
import dev.turnstile.core.protocol.policy.TurnAbortReason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Spec §1.6: every event record survives encode → decode, with the exact omitted-versus-null JSON. */
class EventMsgWireFormatTest {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final ObjectMapper PLAIN = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        try {
            return PLAIN.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** One populated instance of every event record. */
    static List<EventMsg> samples() {
        JsonNode parsedCmd = json("{\"type\":\"unknown\",\"cmd\":\"echo hi\"}");
        Map<String, FileChange> changes = Map.of(
                "src/a.txt", new FileChange.Add("hello\n"),
                "src/b.txt", new FileChange.Delete("bye\n"),
                "src/c.txt", new FileChange.Update("@@ -1 +1 @@\n-a\n+b\n", null),
                "src/d.txt", new FileChange.Update("", "src/e.txt"));
        return List.of(
                new EventMsg.Error("boom", CodexErrorInfo.BAD_REQUEST),
                new EventMsg.Error("cannot steer a review turn",
                        new CodexErrorInfo.ActiveTurnNotSteerable(NonSteerableTurnKind.REVIEW)),
                new EventMsg.Warning("careful"),
                new EventMsg.StreamError("retrying", new CodexErrorInfo.HttpFailure(
                        CodexErrorInfo.HttpFailure.Tag.RESPONSE_STREAM_DISCONNECTED, 502), "upstream reset"),
                new EventMsg.TurnStarted("turn-1", "trace-1", 1736078401L, 272000L, ModeKind.PLAN, Map.of()),
                new EventMsg.TurnComplete("turn-1", "done", 1736078403L, 2690L, 120L),
                new EventMsg.TurnAborted("turn-1", TurnAbortReason.REVIEW_ENDED, 1736078403L, 10L),
                new EventMsg.ThreadRolledBack(2),
                new EventMsg.TokenCount(new TokenUsageInfo(new TokenUsage(120, 20, 30, 10, 150),
                        new TokenUsage(70, 10, 20, 5, 90), 200000L), json("{\"limit_id\":\"codex\",\"primary\":null}")),
                new EventMsg.TurnDiff("diff --git a/x b/x\n"),
                new EventMsg.PlanUpdate("why", List.of(new PlanStep("write code", PlanStep.Status.IN_PROGRESS),
                        new PlanStep("test", PlanStep.Status.PENDING))),
                new EventMsg.AgentMessage("hi!", MessagePhase.FINAL_ANSWER, json("{\"entries\":[]}"), Map.of()),
                new EventMsg.UserMessage("look at @file", List.of("data:image/png;base64,AA"), List.of("/tmp/a.png"),
                        List.of(new TextElement(new ByteRange(8, 13), "@file"))),
                new EventMsg.AgentReasoning("thinking"),
                new EventMsg.AgentReasoningRawContent("raw thinking"),
                new EventMsg.AgentMessageContentDelta("thread-1", "turn-1", "item-1", "hel"),
                new EventMsg.SessionConfigured("sess-1", "thread-1", "parent-1", "user", "my thread", "gpt-5.4",
                        "openai", "flex", AskForApproval.ON_REQUEST, ApprovalsReviewer.USER,
                        json("{\"type\":\"managed\",\"network\":\"restricted\"}"),
                        new ActivePermissionProfile(":workspace"), "/repo", ReasoningEffort.MEDIUM,
                        List.of(EventMsg.UserMessage.text("earlier")), json("{\"http_addr\":\"127.0.0.1:1\"}"),
                        "/home/u/.codex/sessions/rollout.jsonl"),
                new EventMsg.ItemStarted("thread-1", "turn-1",
                        new TurnItem.UserMessage("item-1", List.of(UserInput.text("hello"))), 1736078401000L),
                new EventMsg.ItemCompleted("thread-1", "turn-1", new TurnItem.Plan("plan-1", "1. do it"),
                        1736078402000L),
                new EventMsg.RawResponseItem(ResponseItem.Message.assistant("hi!", MessagePhase.COMMENTARY)),
                new EventMsg.ExecCommandBegin("call-1", "pty-1", "turn-1", 1736078401000L,
                        List.of("bash", "-lc", "echo hi"), "/repo", List.of(parsedCmd), ExecCommandSource.USER_SHELL,
                        null),
                new EventMsg.ExecCommandOutputDelta("call-1", ExecOutputStream.STDOUT,
                        "hi\n".getBytes(StandardCharsets.UTF_8)),
                new EventMsg.ExecCommandEnd("call-1", null, "turn-1", 1736078402000L, List.of("bash", "-lc", "echo hi"),
                        "/repo", List.of(parsedCmd), ExecCommandSource.AGENT, null, "hi\n", "", "hi\n", 0,
                        new WireDuration(0, 7004), "hi\n", ExecCommandStatus.COMPLETED, Map.of()),
                new EventMsg.ExecApprovalRequest("call-2", "appr-1", "turn-1", List.of("rm", "-rf", "build"), "/repo",
                        "needs write access", json("{\"host\":\"example.com\",\"protocol\":\"https\"}"),
                        List.of("rm", "-rf"), json("[{\"host\":\"example.com\",\"action\":\"allow\"}]"), null,
                        List.of(ReviewDecision.APPROVED,
                                new ReviewDecision.ApprovedExecpolicyAmendment(List.of("rm", "-rf")),
                                new ReviewDecision.NetworkPolicy(new NetworkPolicyAmendment("example.com",
                                        NetworkPolicyAmendment.Action.ALLOW)),
                                ReviewDecision.ABORT),
                        List.of(parsedCmd)),
                new EventMsg.ApplyPatchApprovalRequest("call-3", "turn-1", changes, "outside the workspace", "/data"),
                new EventMsg.PatchApplyBegin("call-3", "turn-1", true, changes),
                new EventMsg.PatchApplyEnd("call-3", "turn-1", "Success.", "", true, changes,
                        PatchApplyStatus.COMPLETED, Map.of()),
                new EventMsg.RequestUserInput("call-4", "turn-1",
                        json("[{\"id\":\"q1\",\"header\":\"Scope\",\"question\":\"Which?\",\"isOther\":false,"
                                + "\"isSecret\":false,\"options\":[{\"label\":\"a\",\"description\":\"A\"}]}]")),
                new EventMsg.RequestPermissions("call-5", "turn-1", "needs network",
                        json("{\"network\":{\"enabled\":true},\"file_system\":null}"), "session"),
                new EventMsg.DynamicToolCallRequest("call-6", "turn-1", "geo_lookup", json("{\"city\":\"Paris\"}")),
                new EventMsg.DynamicToolCallResponse("call-6", "turn-1", 1736078402000L, null, "geo_lookup",
                        json("{\"city\":\"Paris\"}"), json("[{\"type\":\"inputText\",\"text\":\"48.85N\"}]"), true,
                        null, new WireDuration(1, 500), Map.of()),
                new EventMsg.ElicitationRequest("turn-1", "github", json("7"),
                        json("{\"mode\":\"form\",\"message\":\"Confirm?\",\"requested_schema\":{}}")),
                new EventMsg.ContextCompacted(),
                new EventMsg.EnteredReviewMode(new ReviewRequest(new ReviewTarget.BaseBranch("main"), "vs main")),
                new EventMsg.ExitedReviewMode(json("{\"findings\":[],\"overall_correctness\":\"ok\"}")),
                new EventMsg.RealtimeConversationListVoicesResponse(RealtimeVoicesList.builtin()),
                new EventMsg.ShutdownComplete(),
                new EventMsg.Unknown("thread_settings_applied",
                        (ObjectNode) json("{\"thread_id\":\"t\",\"thread_settings\":{\"model\":\"m\"}}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void encodeThenDecodeGivesTheSameEvent(EventMsg msg) {
        Event event = new Event("sub-1", msg);

        String encoded = CODEC.encodeEvent(event);
        Event decoded = CODEC.decodeEvent(encoded);

        assertThat(decoded).isEqualTo(event);
        assertThat(json(CODEC.encodeEvent(decoded))).isEqualTo(json(encoded));
        assertThat(json(encoded).at("/msg/type").asText()).isEqualTo(msg.type());
    }

    @Test
    void theSamplesCoverEveryEventRecord() {
        Set<Class<?>> permitted = Arrays.stream(EventMsg.class.getPermittedSubclasses()).collect(Collectors.toSet());
        Set<Class<?>> covered = samples().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(permitted);
    }

    // ---- exact omitted-versus-null shapes ---------------------------------------------------------

    static Stream<org.junit.jupiter.params.provider.Arguments> exactShapes() {
        return Stream.of(
                exact(new EventMsg.TurnStarted("t1", null, null, null),
                        "{\"type\":\"task_started\",\"turn_id\":\"t1\",\"model_context_window\":null,"
                                + "\"collaboration_mode_kind\":\"default\"}"),
                exact(new EventMsg.TurnStarted("t1", 1736078401L, 272000L, ModeKind.DEFAULT),
                        "{\"type\":\"task_started\",\"turn_id\":\"t1\",\"started_at\":1736078401,"
                                + "\"model_context_window\":272000,\"collaboration_mode_kind\":\"default\"}"),
                exact(new EventMsg.TurnComplete("t1", null, null, null, null),
                        "{\"type\":\"task_complete\",\"turn_id\":\"t1\",\"last_agent_message\":null}"),
                exact(new EventMsg.TurnComplete("t1", "hi!", 1736078403L, 2690L, null),
                        "{\"type\":\"task_complete\",\"turn_id\":\"t1\",\"last_agent_message\":\"hi!\","
                                + "\"completed_at\":1736078403,\"duration_ms\":2690}"),
                exact(new EventMsg.TurnAborted(null, TurnAbortReason.INTERRUPTED, null, null),
                        "{\"type\":\"turn_aborted\",\"turn_id\":null,\"reason\":\"interrupted\"}"),
                exact(new EventMsg.TurnAborted("t1", TurnAbortReason.BUDGET_LIMITED, 5L, 6L),
                        "{\"type\":\"turn_aborted\",\"turn_id\":\"t1\",\"reason\":\"budget_limited\","
                                + "\"completed_at\":5,\"duration_ms\":6}"),
                exact(new EventMsg.UserMessage("hi", null, null, null),
                        "{\"type\":\"user_message\",\"message\":\"hi\",\"local_images\":[],\"text_elements\":[]}"),
                exact(EventMsg.UserMessage.text("hi"),
                        "{\"type\":\"user_message\",\"message\":\"hi\",\"images\":[],\"local_images\":[],"
                                + "\"text_elements\":[]}"),
                exact(new EventMsg.AgentMessage("hi", null),
                        "{\"type\":\"agent_message\",\"message\":\"hi\",\"phase\":null,\"memory_citation\":null}"),
                exact(new EventMsg.AgentMessage("hi", MessagePhase.FINAL_ANSWER),
                        "{\"type\":\"agent_message\",\"message\":\"hi\",\"phase\":\"final_answer\","
                                + "\"memory_citation\":null}"),
                exact(new EventMsg.Error("boom", null),
                        "{\"type\":\"error\",\"message\":\"boom\",\"codex_error_info\":null}"),
                exact(new EventMsg.Error("num_turns must be >= 1", CodexErrorInfo.THREAD_ROLLBACK_FAILED),
                        "{\"type\":\"error\",\"message\":\"num_turns must be >= 1\","
                                + "\"codex_error_info\":\"thread_rollback_failed\"}"),
                exact(new EventMsg.Error("cannot steer a compact turn",
                                new CodexErrorInfo.ActiveTurnNotSteerable(NonSteerableTurnKind.COMPACT)),
                        "{\"type\":\"error\",\"message\":\"cannot steer a compact turn\","
                                + "\"codex_error_info\":{\"active_turn_not_steerable\":{\"turn_kind\":\"compact\"}}}"),
                exact(new EventMsg.TokenCount(null, null),
                        "{\"type\":\"token_count\",\"info\":null,\"rate_limits\":null}"),
                exact(new EventMsg.TokenCount(new TokenUsageInfo(new TokenUsage(1, 2, 3, 4, 5), TokenUsage.ZERO, null),
                                null),
                        "{\"type\":\"token_count\",\"info\":{\"total_token_usage\":{\"input_tokens\":1,"
                                + "\"cached_input_tokens\":2,\"output_tokens\":3,\"reasoning_output_tokens\":4,"
                                + "\"total_tokens\":5},\"last_token_usage\":{\"input_tokens\":0,"
                                + "\"cached_input_tokens\":0,\"output_tokens\":0,\"reasoning_output_tokens\":0,"
                                + "\"total_tokens\":0},\"model_context_window\":null},\"rate_limits\":null}"),
                exact(new EventMsg.ShutdownComplete(), "{\"type\":\"shutdown_complete\"}"),
                exact(new EventMsg.ThreadRolledBack(1), "{\"type\":\"thread_rolled_back\",\"num_turns\":1}"),
                exact(new EventMsg.ContextCompacted(), "{\"type\":\"context_compacted\"}"));
    }

    private static org.junit.jupiter.params.provider.Arguments exact(EventMsg msg, String json) {
        return org.junit.jupiter.params.provider.Arguments.of(msg, json);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("exactShapes")
    void omittedVersusNullIsExactlyAsUpstreamWritesIt(EventMsg msg, String expected) {
        String encoded = CODEC.encodeEvent(new Event("e", msg));
        assertThat(encoded).isEqualTo("{\"id\":\"e\",\"msg\":" + expected + "}");
        assertThat(CODEC.decodeEvent(encoded).msg()).isEqualTo(msg);
    }

    // ---- aliases and unknowns ---------------------------------------------------------------------

    @Test
    void turnStartedAndTurnCompleteAreReadAndWrittenUnderTheTaskNames() {
        EventMsg started = CODEC.decodeEvent("""
                {"id":"","msg":{"type":"turn_started","turn_id":"t1","model_context_window":null}}""").msg();
        EventMsg complete = CODEC.decodeEvent("""
                {"id":"","msg":{"type":"turn_complete","turn_id":"t1","last_agent_message":null}}""").msg();

        assertThat(started).isInstanceOf(EventMsg.TurnStarted.class);
        assertThat(started.type()).isEqualTo("task_started");
        assertThat(complete).isInstanceOf(EventMsg.TurnComplete.class);
        assertThat(complete.type()).isEqualTo("task_complete");
        assertThat(json(CODEC.encodeEvent(new Event("", started))).at("/msg/type").asText())
                .isEqualTo("task_started");
        assertThat(json(CODEC.encodeEvent(new Event("", complete))).at("/msg/type").asText())
                .isEqualTo("task_complete");
    }

    @Test
    void unknownEventTypesDecodeAndReEncodeUnchanged() {
        String line = "{\"id\":\"s\",\"msg\":{\"type\":\"mcp_tool_call_end\",\"call_id\":\"c\","
                + "\"invocation\":{\"server\":\"s\",\"tool\":\"t\",\"arguments\":null},"
                + "\"duration\":{\"secs\":1,\"nanos\":2},\"result\":{\"Ok\":{\"content\":[]}}}}";
        Event event = CODEC.decodeEvent(line);
        assertThat(event.msg()).isInstanceOf(EventMsg.Unknown.class);
        assertThat(event.msg().type()).isEqualTo("mcp_tool_call_end");
        assertThat(CODEC.encodeEvent(event)).isEqualTo(line);
    }

    @Test
    void unknownMembersOfPersistedEventsAreKept() {
        String line = "{\"id\":\"s\",\"msg\":{\"type\":\"task_complete\",\"root_turn_id\":\"r\",\"turn_id\":\"t\","
                + "\"last_agent_message\":null,\"started_at\":1}}";
        Event event = CODEC.decodeEvent(line);
        assertThat(((EventMsg.TurnComplete) event.msg()).unknownFields()).containsOnlyKeys("root_turn_id", "started_at");
        assertThat(json(CODEC.encodeEvent(event))).isEqualTo(json(line));
    }

    @Test
    void execOutputChunkIsBase64OnTheWire() {
        String encoded = CODEC.encodeEvent(new Event("s", new EventMsg.ExecCommandOutputDelta("call21",
                ExecOutputStream.STDOUT, new byte[] {1, 2, 3, 4, 5})));
        assertThat(encoded).isEqualTo("{\"id\":\"s\",\"msg\":{\"type\":\"exec_command_output_delta\","
                + "\"call_id\":\"call21\",\"stream\":\"stdout\",\"chunk\":\"AQIDBAU=\"}}");
    }

    @Test
    void realtimeVoicesUseUpstreamCamelCaseDefaults() {
        JsonNode voices = json(CODEC.encodeEvent(new Event("s",
                new EventMsg.RealtimeConversationListVoicesResponse(RealtimeVoicesList.builtin())))).at("/msg/voices");
        assertThat(voices.get("defaultV1").asText()).isEqualTo("cove");
        assertThat(voices.get("defaultV2").asText()).isEqualTo("marin");
        assertThat(voices.get("v1")).hasSize(9);
    }

    @Test
    void eventBytesAndLinesMatchTheStringForm() throws Exception {
        Event event = new Event("s", new EventMsg.Warning("careful"));
        String text = CODEC.encodeEvent(event);
        assertThat(new String(CODEC.encodeEventBytes(event), StandardCharsets.UTF_8)).isEqualTo(text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CODEC.writeEventLine(event, out);
        CODEC.writeEventLine(event, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(text + "\n" + text + "\n");
    }

    @Test
    void aBadEventLineThrowsWithAReadableMessage() {
        assertThatThrownBy(() -> CODEC.decodeEvent("{\"id\":\"x\",\"msg\":{\"type\":\"task_started\"}}"))
                .isInstanceOf(ProtocolDecodeException.class)
                .hasMessage("missing field `msg.turn_id` in event");
        assertThatThrownBy(() -> CODEC.decodeEvent("{\"id\":\"x\""))
                .isInstanceOf(ProtocolDecodeException.class)
                .hasMessageStartingWith("line is not valid JSON");
    }

    @Test
    void errorEventsKnowWhetherTheyAffectTurnStatus() {
        assertThat(new EventMsg.Error("x", null).affectsTurnStatus()).isTrue();
        assertThat(new EventMsg.Error("x", CodexErrorInfo.OTHER).affectsTurnStatus()).isTrue();
        assertThat(new EventMsg.Error("x", CodexErrorInfo.THREAD_ROLLBACK_FAILED).affectsTurnStatus()).isFalse();
        assertThat(new EventMsg.Error("x", new CodexErrorInfo.ActiveTurnNotSteerable(NonSteerableTurnKind.REVIEW))
                .affectsTurnStatus()).isFalse();
    }
}
