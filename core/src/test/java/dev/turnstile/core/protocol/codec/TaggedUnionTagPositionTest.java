package dev.turnstile.core.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.rollout.RolloutLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A tagged union reads the same value wherever its {@code type} member sits: first (our writers' order, read as a
 * stream) or later (other writers, read through a tree). Problems with the tag are named the same either way.
 */
class TaggedUnionTagPositionTest {
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private static ResponseItem item(String json) throws Exception {
        return CODEC.mapper().readValue(json, ResponseItem.class);
    }

    @Test
    void aKnownVariantReadsTheSameWithTheTagFirstOrLast() throws Exception {
        ResponseItem first = item("{\"type\":\"function_call\",\"name\":\"shell\",\"arguments\":\"{}\",\"call_id\":\"c1\"}");
        ResponseItem last = item("{\"name\":\"shell\",\"arguments\":\"{}\",\"call_id\":\"c1\",\"type\":\"function_call\"}");
        assertThat(first).isInstanceOf(ResponseItem.FunctionCall.class).isEqualTo(last);
    }

    @Test
    void nestedUnionsReadTheSameWithTheTagFirstOrLast() throws Exception {
        ResponseItem first = item("{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"hi\"}]}");
        ResponseItem last = item("{\"role\":\"user\",\"content\":[{\"text\":\"hi\",\"type\":\"input_text\"}],"
                + "\"type\":\"message\"}");
        assertThat(last).isEqualTo(first).isEqualTo(ResponseItem.Message.user("hi"));
    }

    @Test
    void anUnknownVariantKeepsItsMembersWithoutTheTagWhereverTheTagSits() throws Exception {
        ResponseItem first = item("{\"type\":\"ghost_snapshot\",\"ghost_commit\":{\"id\":\"abc\"},\"n\":[1,2]}");
        ResponseItem last = item("{\"ghost_commit\":{\"id\":\"abc\"},\"n\":[1,2],\"type\":\"ghost_snapshot\"}");
        assertThat(first).isInstanceOf(ResponseItem.Unknown.class).isEqualTo(last);
        JsonNode written = CODEC.toTree(last);
        assertThat(written.get("type").asText()).isEqualTo("ghost_snapshot");
        assertThat(written.get("ghost_commit").get("id").asText()).isEqualTo("abc");
        assertThat(written.get("n")).hasSize(2);
    }

    @Test
    void aVariantWithNoOtherMembersIsReadFromTheTagAlone() {
        DecodeResult<Submission> result = CODEC.decodeSubmission("{\"id\":\"s\",\"op\":{\"type\":\"interrupt\"}}");
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void anOpWhoseTagComesLastIsAccepted() {
        DecodeResult<Submission> result = CODEC.decodeSubmission(
                "{\"id\":\"s\",\"op\":{\"items\":[{\"text\":\"hello\",\"type\":\"text\"}],\"type\":\"user_input\"}}");
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
    }

    @CsvSource(delimiter = '|', textBlock = """
            {"type":"user_input","items":[{"type":null,"text":"a"}]}   | items[0]
            {"type":"user_input","items":[{"text":"a","type":null}]}   | items[0]
            {"type":"user_input","items":[{"type":7,"text":"a"}]}      | must be a string
            {"type":"user_input","items":[{"text":"a","type":7}]}      | must be a string
            {"type":"user_input","items":[{"type":"audio"}]}           | unknown input item type `audio`
            {"type":"user_input","items":[{"x":1,"type":"audio"}]}     | unknown input item type `audio`
            {"type":"user_input","items":[{}]}                          | items[0]
            """)
    @ParameterizedTest
    void tagProblemsAreNamedWhereverTheTagSits(String op, String expected) {
        DecodeResult<Submission> result = CODEC.decodeSubmission("{\"id\":\"s3\",\"op\":" + op + "}");
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(((DecodeResult.Rejected<Submission>) result).message()).contains(expected);
    }

    @Test
    void aRolloutLineWrittenByUsReadsBackEqual() {
        String line = "{\"timestamp\":\"2026-11-25T00:00:00.000Z\",\"type\":\"response_item\",\"payload\":"
                + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"ok\"}]}}";
        RolloutLine read = CODEC.decodeRolloutLine(line);
        assertThat(CODEC.decodeRolloutLine(CODEC.toTree(read).toString())).isEqualTo(read);
    }
}
