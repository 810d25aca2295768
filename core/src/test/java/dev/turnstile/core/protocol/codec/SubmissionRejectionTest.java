package dev.turnstile.core.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.protocol.Submission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A client line that is not a valid submission is rejected with an actionable message, never an exception. */
class SubmissionRejectionTest {
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private static DecodeResult.Rejected<Submission> rejected(String line) {
        DecodeResult<Submission> result = CODEC.decodeSubmission(line);
        assertThat(result).as(line).isInstanceOf(DecodeResult.Rejected.class);
        return (DecodeResult.Rejected<Submission>) result;
    }

    @Test
    void unknownOpTypeIsRejectedWithTheIdAndTheTypeNamed() {
        var rejected = rejected("""
                {"id":"sub-7","op":{"type":"foo"}}""");
        assertThat(rejected.submissionId()).isEqualTo("sub-7");
        assertThat(rejected.message()).isEqualTo("unknown op type `foo`");
    }

    @Test
    void malformedJsonIsRejectedAsNotJson() {
        var rejected = rejected("{\"id\":\"s\",\"op\":{\"type\":");
        assertThat(rejected.submissionId()).isNull();
        assertThat(rejected.message()).startsWith("line is not valid JSON: ");
    }

    @Test
    void missingRequiredFieldIsNamedWithItsOp() {
        var rejected = rejected("""
                {"id":"s1","op":{"type":"user_input"}}""");
        assertThat(rejected.submissionId()).isEqualTo("s1");
        assertThat(rejected.message()).isEqualTo("missing field `items` in op `user_input`");
    }

    @Test
    void missingNestedFieldIsNamedWithItsPath() {
        var rejected = rejected("""
                {"id":"s1","op":{"type":"user_input","items":[{"type":"text","text":"a"},{"type":"image"}]}}""");
        assertThat(rejected.message()).isEqualTo("missing field `items[1].image_url` in op `user_input`");
    }

    @Test
    void missingFieldOfANestedObjectIsNamedWithItsPath() {
        var rejected = rejected("""
                {"id":"s1","op":{"type":"inter_agent_communication","communication":{"author":"/a",
                 "recipient":"/b","content":"hi"}}}""");
        assertThat(rejected.message())
                .isEqualTo("missing field `communication.trigger_turn` in op `inter_agent_communication`");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "\"3\"", "true", "99999999999999999999"})
    void numTurnsMustBeANonNegativeInteger(String value) {
        var rejected = rejected("{\"id\":\"s1\",\"op\":{\"type\":\"thread_rollback\",\"num_turns\":" + value + "}}");
        assertThat(rejected.submissionId()).isEqualTo("s1");
        assertThat(rejected.message()).contains("field `num_turns` must be a non-negative integer")
                .contains("thread_rollback");
    }

    @Test
    void submissionWithoutOpIsRejected() {
        var rejected = rejected("{\"id\":\"s9\"}");
        assertThat(rejected.submissionId()).isEqualTo("s9");
        assertThat(rejected.message()).isEqualTo("submission has no `op`");
    }

    @CsvSource(delimiter = '|', textBlock = """
            []                                          | submission must be a JSON object, not an array
            {"op":{"type":"interrupt"}}                 | submission has no `id`
            {"id":7,"op":{"type":"interrupt"}}          | field `id` must be a string, not a number
            {"id":"s","op":"interrupt"}                 | field `op` must be an object, not a string
            {"id":"s","op":{}}                          | op has no `type`
            {"id":"s","op":{"type":3}}                  | field `op.type` must be a string, not a number
            {"id":"s","op":{"type":"interrupt"},"trace":1} | field `trace` must be an object, not a number
            """)
    @ParameterizedTest
    void envelopeProblemsAreNamed(String line, String message) {
        assertThat(rejected(line).message()).isEqualTo(message);
    }

    @CsvSource(delimiter = '|', textBlock = """
            {"type":"set_thread_memory_mode","mode":"sometimes"}     | field `mode` must be one of `enabled`, `disabled`
            {"type":"user_input","items":"hello"}                    | field `items` must be an array
            {"type":"user_input","items":[{"type":"audio"}]}         | unknown input item type `audio`
            {"type":"user_input","items":["hello"]}                  | field `items[0]` must be an object
            {"type":"exec_approval","id":"a","decision":"maybe"}     | field `decision` must be one of `approved`
            {"type":"user_turn","items":[],"cwd":"/r","approval_policy":"sometimes","sandbox_policy":{"type":"read-only"},"model":"m"} | field `approval_policy` must be one of `untrusted`
            {"type":"user_turn","items":[],"cwd":"/r","approval_policy":"never","sandbox_policy":{"type":"open"},"model":"m"} | unknown sandbox policy type `open` at `sandbox_policy`
            {"type":"user_turn","items":[],"cwd":"/r","approval_policy":"never","sandbox_policy":{"type":"read-only"}} | missing field `model` in op `user_turn`
            {"type":"run_user_shell_command","command":5}            | field `command` must be a string
            {"type":"resolve_elicitation","server_name":"s","request_id":1.5,"decision":"accept"} | field `request_id` must be a string or an integer
            {"type":"user_input_answer","id":"t","response":[1]}     | field `response` must be an object
            """)
    @ParameterizedTest
    void fieldProblemsNameTheField(String op, String expected) {
        var rejected = rejected("{\"id\":\"s2\",\"op\":" + op + "}");
        assertThat(rejected.submissionId()).isEqualTo("s2");
        assertThat(rejected.message()).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "null", "42", "\"text\"", "{\"id\":null,\"op\":null}", "{\"id\":\"s\",\"op\":[]}",
            "{\"id\":\"s\",\"op\":{\"type\":\"user_input\",\"items\":[null]}}",
            "{\"id\":\"s\",\"op\":{\"type\":\"review\",\"review_request\":{\"target\":{\"type\":\"baseBranch\"}}}}",
            "{\"id\":\"s\",\"op\":{\"type\":\"realtime_conversation_start\",\"output_modality\":\"text\",\"prompt\":5}}"})
    void neverThrows(String line) {
        DecodeResult<Submission> result = CODEC.decodeSubmission(line);
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(((DecodeResult.Rejected<Submission>) result).message()).isNotBlank();
    }

    @Test
    void nullLineIsRejected() {
        assertThat(CODEC.decodeSubmission(null)).isInstanceOf(DecodeResult.Rejected.class);
    }
}
