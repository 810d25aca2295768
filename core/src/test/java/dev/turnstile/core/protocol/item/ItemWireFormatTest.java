package dev.turnstile.core.protocol.item;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec §1.1 and §2.2: user input, Responses-API items and turn items on the wire. */
class ItemWireFormatTest {
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private static JsonNode tree(String json) {
        try {
            return CODEC.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String write(Object value) {
        return CODEC.toTree(value).toString();
    }

    @Test
    void messageFactoriesBuildTheCommonShapes() {
        assertThat(write(ResponseItem.Message.user("hello"))).isEqualTo(
                "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hello\"}]}");
        assertThat(write(ResponseItem.Message.assistant("hi!", MessagePhase.FINAL_ANSWER))).isEqualTo(
                "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"hi!\"}],"
                        + "\"phase\":\"final_answer\"}");
        assertThat(write(ResponseItem.Message.developer("rules"))).contains("\"role\":\"developer\"");
    }

    @Test
    void functionCallArgumentsStayAJsonStringAndOutputsMayBeTextOrItems() {
        assertThat(write(new ResponseItem.FunctionCall("shell", "{\"command\":[\"ls\"]}", "call_1"))).isEqualTo(
                "{\"type\":\"function_call\",\"name\":\"shell\",\"arguments\":\"{\\\"command\\\":[\\\"ls\\\"]}\","
                        + "\"call_id\":\"call_1\"}");
        assertThat(write(ResponseItem.FunctionCallOutput.text("call_1", "ok")))
                .isEqualTo("{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"ok\"}");
        ResponseItem items = CODEC.fromTree(tree("""
                {"type":"function_call_output","call_id":"c","output":[{"type":"input_text","text":"a"}]}"""),
                ResponseItem.class);
        assertThat(((ResponseItem.FunctionCallOutput) items).output().isArray()).isTrue();
    }

    @Test
    void legacyGhostSnapshotAndOtherUnknownItemsAreKeptVerbatim() {
        String ghost = "{\"type\":\"ghost_snapshot\",\"ghost_commit\":{\"id\":\"abc\",\"parent\":null}}";
        ResponseItem item = CODEC.fromTree(tree(ghost), ResponseItem.class);
        assertThat(item).isInstanceOf(ResponseItem.Unknown.class);
        assertThat(item.type()).isEqualTo("ghost_snapshot");
        assertThat(write(item)).isEqualTo(ghost);
    }

    @Test
    void compactionSummaryIsReadAsCompaction() {
        ResponseItem item = CODEC.fromTree(tree("{\"type\":\"compaction_summary\",\"encrypted_content\":\"xyz\"}"),
                ResponseItem.class);
        assertThat(item).isEqualTo(new ResponseItem.Compaction(null, "xyz", java.util.Map.of()));
        assertThat(write(item)).isEqualTo("{\"type\":\"compaction\",\"encrypted_content\":\"xyz\"}");
    }

    @Test
    void reasoningAlwaysWritesEncryptedContent() {
        ResponseItem item = CODEC.fromTree(tree("""
                {"type":"reasoning","summary":[{"type":"summary_text","text":"t"}],"encrypted_content":null}"""),
                ResponseItem.class);
        assertThat(tree(write(item))).isEqualTo(tree("""
                {"type":"reasoning","summary":[{"type":"summary_text","text":"t"}],"encrypted_content":null}"""));
    }

    @Test
    void unknownMembersOfItemsAndContentPartsSurvive() {
        String json = """
                {"type":"message","id":"msg_1","status":"completed","role":"assistant",
                 "content":[{"type":"output_text","text":"x","annotations":[],"logprobs":[-0.50]},
                            {"type":"refusal","refusal":"no"}],
                 "end_turn":true}""";
        ResponseItem.Message message = (ResponseItem.Message) CODEC.fromTree(tree(json), ResponseItem.class);
        assertThat(message.unknownFields()).containsOnlyKeys("status", "end_turn");
        assertThat(message.content().get(0).textOrNull()).isEqualTo("x");
        assertThat(message.content().get(1)).isInstanceOf(ContentItem.Unknown.class);
        assertThat(tree(write(message))).isEqualTo(tree(json));
        assertThat(write(message)).contains("-0.50");
    }

    @Test
    void turnItemsUsePascalCaseTags() {
        assertThat(write(new TurnItem.UserMessage("u1", List.of(UserInput.text("hi"))))).isEqualTo(
                "{\"type\":\"UserMessage\",\"id\":\"u1\",\"content\":[{\"type\":\"text\",\"text\":\"hi\","
                        + "\"text_elements\":[]}]}");
        assertThat(write(new TurnItem.AgentMessage("a1", "hello", null)))
                .isEqualTo("{\"type\":\"AgentMessage\",\"id\":\"a1\",\"content\":[{\"type\":\"Text\",\"text\":\"hello\"}]}");
        assertThat(write(new TurnItem.Plan("p1", "1. x"))).isEqualTo("{\"type\":\"Plan\",\"id\":\"p1\",\"text\":\"1. x\"}");
        assertThat(write(new TurnItem.ContextCompaction("c1"))).isEqualTo("{\"type\":\"ContextCompaction\",\"id\":\"c1\"}");
        TurnItem unknown = CODEC.fromTree(tree("{\"type\":\"McpToolCall\",\"id\":\"m1\",\"server\":\"s\"}"),
                TurnItem.class);
        assertThat(unknown).isInstanceOf(TurnItem.Unknown.class);
        assertThat(unknown.id()).isEqualTo("m1");
        assertThat(write(unknown)).isEqualTo("{\"type\":\"McpToolCall\",\"id\":\"m1\",\"server\":\"s\"}");
    }

    @Test
    void textElementsAlwaysWriteTheirPlaceholder() {
        assertThat(write(new TextElement(new ByteRange(0, 4), null)))
                .isEqualTo("{\"byte_range\":{\"start\":0,\"end\":4},\"placeholder\":null}");
    }
}
