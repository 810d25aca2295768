package dev.turnstile.core.turn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptedModelTest {

    private static ModelRequest request(long samplingIndex, String input, String toolOutput) {
        return new ModelRequest("thread-1", "turn-1", samplingIndex, "scripted-model", input, toolOutput, 3);
    }

    @Test
    void theBuiltInScriptEchoesTheInputAsStreamedDeltas() throws Exception {
        ModelResponse response = new ScriptedModel(ModelScript.echo()).sample(request(0, "hello there", null));
        assertThat(response.outputs()).singleElement().isInstanceOfSatisfying(ModelOutput.AssistantMessage.class, m -> {
            assertThat(m.text()).isEqualTo("echo: hello there");
            assertThat(String.join("", m.deltas())).isEqualTo(m.text());
            assertThat(m.deltas()).hasSize(2);
            assertThat(m.phase()).isEqualTo("final_answer");
        });
        assertThat(response.hasFunctionCalls()).isFalse();
        assertThat(response.usage().outputTokens()).isPositive();
    }

    @Test
    void eachThreadWalksTheScriptByItsSamplingIndexAndStartsOverAtTheEnd() throws Exception {
        ModelScript script = ModelScript.parse("""
                # a shell call that needs approval, then the answer
                {"shell": "echo hi", "approval": true, "justification": "to say hi"}
                {"message": "ran it: {{tool_output}}", "chunks": 3}
                """, "test");
        ScriptedModel model = new ScriptedModel(script);

        ModelResponse first = model.sample(request(0, "run echo", null));
        assertThat(first.hasFunctionCalls()).isTrue();
        ModelOutput.FunctionCall call = (ModelOutput.FunctionCall) first.outputs().get(0);
        assertThat(call.name()).isEqualTo("shell");
        assertThat(call.callId()).isEqualTo("call_0");
        assertThat(call.arguments()).contains("\"command\":[\"bash\",\"-lc\",\"echo hi\"]")
                .contains("\"sandbox_permissions\":\"require_escalated\"").contains("to say hi");

        ModelResponse second = model.sample(request(1, "run echo", "hi\n"));
        ModelOutput.AssistantMessage message = (ModelOutput.AssistantMessage) second.outputs().get(0);
        assertThat(message.text()).isEqualTo("ran it: hi\n");
        assertThat(message.deltas()).hasSize(3);

        assertThat(model.sample(request(2, "again", null)).hasFunctionCalls()).as("wraps around").isTrue();
    }

    @Test
    void aScriptedErrorFailsTheStep() {
        ScriptedModel model = new ScriptedModel(ModelScript.parse("{\"error\": \"stream disconnected at {{step}}\"}", "t"));
        assertThatThrownBy(() -> model.sample(request(4, "x", null)))
                .isInstanceOf(ModelException.class).hasMessage("stream disconnected at 4");
    }

    @Test
    void explicitUsageIsReportedAsWritten() throws Exception {
        ScriptedModel model = new ScriptedModel(ModelScript.parse(
                "{\"message\": \"ok\", \"usage\": {\"input_tokens\": 120, \"cached_input_tokens\": 20, \"output_tokens\": 30}}", "t"));
        assertThat(model.sample(request(0, "x", null)).usage()).isEqualTo(new ModelUsage(120, 20, 30, 0));
    }

    @Test
    void badScriptsAreRejectedWithTheLineAndTheProblem(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ModelScript.parse("{\"message\": \"ok\"}\n{not json}", "s.jsonl"))
                .isInstanceOf(ModelScriptException.class).hasMessageStartingWith("s.jsonl line 2: not valid JSON");
        assertThatThrownBy(() -> ModelScript.parse("{\"mesage\": \"typo\"}", "s.jsonl"))
                .hasMessageContaining("line 1: unknown field `mesage`");
        assertThatThrownBy(() -> ModelScript.parse("{\"chunks\": 2}", "s.jsonl"))
                .hasMessageContaining("needs a `message`");
        assertThatThrownBy(() -> ModelScript.parse("# only a comment\n", "s.jsonl"))
                .hasMessageContaining("has no steps");
        assertThatThrownBy(() -> ModelScript.load(dir.resolve("missing.jsonl")))
                .hasMessageContaining("does not exist");
        Path good = Files.writeString(dir.resolve("ok.jsonl"), "{\"message\": \"hi\"}\n");
        assertThat(ModelClients.fromSpec("scripted:" + good)).isInstanceOf(ScriptedModel.class);
        assertThatThrownBy(() -> ModelClients.fromSpec("openai:gpt")).hasMessageContaining("unknown model 'openai:gpt'");
    }

    @Test
    void deltasNeverSplitASurrogatePair() {
        String text = "a😀b😀c";
        assertThat(ScriptedModel.split(text, 5)).containsExactly("a", "😀", "b", "😀", "c");
        assertThat(String.join("", ScriptedModel.split(text, 3))).isEqualTo(text);
        assertThat(ScriptedModel.split("ab", 10)).containsExactly("a", "b");
    }
}
