package dev.turnstile.core.protocol.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.codec.ProtocolDecodeException;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.event.TokenUsage;
import dev.turnstile.core.protocol.event.TokenUsageInfo;
import dev.turnstile.core.protocol.item.MessagePhase;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.ModeKind;
import dev.turnstile.core.protocol.policy.ReasoningSummary;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Spec §2.2: the example lines (pinned generation) round-trip, and lines can be built from Java. */
class SpecExampleLinesTest {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final ObjectMapper PLAIN = JsonMapper.builder().build();

    static List<String> specLines() {
        return List.of("""
                {"timestamp":"2025-01-05T12:00:00.000Z","type":"session_meta","payload":{"id":"0196a","timestamp":"2025-01-05T12:00:00.000Z","cwd":"/repo","originator":"codex_cli_rs","cli_version":"0.130.0","source":"cli","model_provider":"openai","base_instructions":{"text":"be helpful"}}}""", """
                {"timestamp":"2025-01-05T12:00:01.010Z","type":"event_msg","payload":{"type":"task_started","turn_id":"0196a-a","started_at":1736078401,"model_context_window":272000,"collaboration_mode_kind":"default"}}""", """
                {"timestamp":"2025-01-05T12:00:01.020Z","type":"turn_context","payload":{"turn_id":"0196a-a","cwd":"/repo","approval_policy":"on-request","sandbox_policy":{"type":"workspace-write","network_access":false,"exclude_tmpdir_env_var":false,"exclude_slash_tmp":false},"model":"gpt-5.4","summary":"auto"}}""", """
                {"timestamp":"2025-01-05T12:00:01.030Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"hello"}]}}""", """
                {"timestamp":"2025-01-05T12:00:01.031Z","type":"event_msg","payload":{"type":"user_message","message":"hello","images":[],"local_images":[],"text_elements":[]}}""", """
                {"timestamp":"2025-01-05T12:00:03.500Z","type":"response_item","payload":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"hi!"}],"phase":"final_answer"}}""", """
                {"timestamp":"2025-01-05T12:00:03.501Z","type":"event_msg","payload":{"type":"agent_message","message":"hi!","phase":"final_answer","memory_citation":null}}""", """
                {"timestamp":"2025-01-05T12:00:03.600Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":120,"cached_input_tokens":20,"output_tokens":30,"reasoning_output_tokens":10,"total_tokens":150},"last_token_usage":{"input_tokens":120,"cached_input_tokens":20,"output_tokens":30,"reasoning_output_tokens":10,"total_tokens":150},"model_context_window":272000},"rate_limits":null}}""", """
                {"timestamp":"2025-01-05T12:00:03.700Z","type":"event_msg","payload":{"type":"task_complete","turn_id":"0196a-a","last_agent_message":"hi!","completed_at":1736078403,"duration_ms":2690}}""", """
                {"timestamp":"2025-01-05T12:05:00.000Z","type":"event_msg","payload":{"type":"thread_rolled_back","num_turns":1}}""", """
                {"timestamp":"2025-01-05T12:06:00.000Z","type":"compacted","payload":{"message":"summary","replacement_history":[{"type":"message","role":"user","content":[{"type":"input_text","text":"hello"}]}]}}""");
    }

    @ParameterizedTest
    @MethodSource("specLines")
    void specExampleLineRoundTrips(String line) throws Exception {
        RolloutLine decoded = CODEC.decodeRolloutLine(line);
        assertThat(decoded.item()).isNotInstanceOf(RolloutItem.Unknown.class);
        assertThat(CODEC.encodeRolloutLine(decoded)).isEqualTo(line);
        assertThat(PLAIN.readTree(CODEC.encodeRolloutLine(decoded))).isEqualTo(PLAIN.readTree(line));
    }

    @Test
    void linesBuiltFromJavaMatchTheSpecExamples() throws Exception {
        List<String> lines = specLines();
        assertThat(PLAIN.readTree(CODEC.encodeRolloutLine(RolloutLine.of("2025-01-05T12:00:01.010Z",
                new EventMsg.TurnStarted("0196a-a", 1736078401L, 272000L, ModeKind.DEFAULT)))))
                .isEqualTo(PLAIN.readTree(lines.get(1)));
        assertThat(PLAIN.readTree(CODEC.encodeRolloutLine(RolloutLine.of("2025-01-05T12:00:01.020Z",
                new TurnContextItem("0196a-a", null, "/repo", null, null, AskForApproval.ON_REQUEST, null,
                        SandboxPolicy.workspaceWrite(), null, null, null, "gpt-5.4", null, null, null, null,
                        ReasoningSummary.AUTO, null, null, null, null, null)))))
                .isEqualTo(PLAIN.readTree(lines.get(2)));
        assertThat(PLAIN.readTree(CODEC.encodeRolloutLine(RolloutLine.of("2025-01-05T12:00:01.030Z",
                ResponseItem.Message.user("hello"))))).isEqualTo(PLAIN.readTree(lines.get(3)));
        assertThat(PLAIN.readTree(CODEC.encodeRolloutLine(RolloutLine.of("2025-01-05T12:00:01.031Z",
                EventMsg.UserMessage.text("hello"))))).isEqualTo(PLAIN.readTree(lines.get(4)));
        assertThat(PLAIN.readTree(CODEC.encodeRolloutLine(RolloutLine.of("2025-01-05T12:00:03.500Z",
                ResponseItem.Message.assistant("hi!", MessagePhase.FINAL_ANSWER))))).isEqualTo(PLAIN.readTree(lines.get(5)));
        assertThat(PLAIN.readTree(CODEC.encodeRolloutLine(RolloutLine.of("2025-01-05T12:00:03.501Z",
                new EventMsg.AgentMessage("hi!", MessagePhase.FINAL_ANSWER))))).isEqualTo(PLAIN.readTree(lines.get(6)));
        TokenUsage usage = new TokenUsage(120, 20, 30, 10, 150);
        assertThat(PLAIN.readTree(CODEC.encodeRolloutLine(RolloutLine.of("2025-01-05T12:00:03.600Z",
                new EventMsg.TokenCount(new TokenUsageInfo(usage, usage, 272000L), null)))))
                .isEqualTo(PLAIN.readTree(lines.get(7)));
        assertThat(PLAIN.readTree(CODEC.encodeRolloutLine(RolloutLine.of("2025-01-05T12:00:03.700Z",
                new EventMsg.TurnComplete("0196a-a", "hi!", 1736078403L, 2690L, null)))))
                .isEqualTo(PLAIN.readTree(lines.get(8)));
    }

    @Test
    void unknownLineTypesAndLineMembersAreKept() throws Exception {
        String line = "{\"timestamp\":\"t\",\"ordinal\":4,\"type\":\"world_state\",\"payload\":{\"full\":true},"
                + "\"metadata\":{\"history_sequence\":1},\"shard\":\"x\"}";
        RolloutLine decoded = CODEC.decodeRolloutLine(line);
        assertThat(decoded.item()).isEqualTo(new RolloutItem.Unknown("world_state", PLAIN.readTree("{\"full\":true}")));
        assertThat(decoded.ordinal()).isEqualTo(4L);
        assertThat(decoded.unknownFields()).containsOnlyKeys("shard");
        assertThat(CODEC.encodeRolloutLine(decoded)).isEqualTo(line);
    }

    @Test
    void ghostSnapshotLinesDecodeToTheCatchAll() {
        RolloutLine line = CODEC.decodeRolloutLine("""
                {"timestamp":"t","type":"response_item","payload":{"type":"ghost_snapshot","ghost_commit":{"id":"a"}}}""");
        assertThat(((RolloutItem.ResponseItemLine) line.item()).payload()).isInstanceOf(ResponseItem.Unknown.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "{\"type\":\"event_msg\",\"payload\":{\"type\":\"warning\",\"message\":\"m\"}}",
            "{\"timestamp\":\"t\",\"payload\":{}}", "{\"timestamp\":\"t\",\"type\":\"event_msg\"}",
            "{\"timestamp\":\"t\",\"type\":\"event_msg\",\"payload\":{\"message\":\"no type\"}}",
            "{\"timestamp\":\"t\",\"type\":\"turn_context\",\"payload\":{\"cwd\":\"/r\"}}", ""})
    void badLinesThrowAReadableException(String line) {
        assertThatThrownBy(() -> CODEC.decodeRolloutLine(line))
                .isInstanceOf(ProtocolDecodeException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("dev.turnstile"));
    }

    @Test
    void badLineMessagesNameTheField() {
        assertThatThrownBy(() -> CODEC.decodeRolloutLine(
                "{\"timestamp\":\"t\",\"type\":\"event_msg\",\"payload\":{\"type\":\"task_started\"}}"))
                .hasMessage("missing field `payload.turn_id` in rollout line");
        assertThatThrownBy(() -> CODEC.decodeRolloutLine("{\"timestamp\":\"t\",\"type\":\"event_msg\"}"))
                .hasMessage("missing field `payload` in rollout line");
    }

    @Test
    void aLineReadsTheSameWhetherItsTypeComesBeforeOrAfterItsPayload() throws Exception {
        String typeFirst = "{\"timestamp\":\"t\",\"type\":\"event_msg\",\"payload\":{\"type\":\"warning\","
                + "\"message\":\"m\"},\"extra\":1}";
        String typeLast = "{\"payload\":{\"message\":\"m\",\"type\":\"warning\"},\"extra\":1,\"timestamp\":\"t\","
                + "\"type\":\"event_msg\"}";
        RolloutLine first = CODEC.decodeRolloutLine(typeFirst);
        assertThat(first.item()).isInstanceOf(RolloutItem.EventMsgLine.class);
        assertThat(CODEC.decodeRolloutLine(typeLast)).isEqualTo(first);
        assertThat(CODEC.encodeRolloutLine(first)).isEqualTo(typeFirst);
    }

    @Test
    void aPayloadErrorIsNamedTheSameWhetherTheTypeComesBeforeOrAfterIt() {
        assertThatThrownBy(() -> CODEC.decodeRolloutLine(
                "{\"payload\":{\"type\":\"task_started\"},\"timestamp\":\"t\",\"type\":\"event_msg\"}"))
                .hasMessage("missing field `payload.turn_id` in rollout line");
        assertThatThrownBy(() -> CODEC.decodeRolloutLine(
                "{\"timestamp\":\"t\",\"type\":\"event_msg\",\"payload\":null}"))
                .hasMessage("missing field `payload` in rollout line");
        assertThatThrownBy(() -> CODEC.decodeRolloutLine("{\"timestamp\":\"t\",\"type\":\"event_msg\",\"ordinal\":-2,"
                + "\"payload\":{\"type\":\"warning\",\"message\":\"m\"}}"))
                .hasMessageContaining("ordinal");
    }
}
