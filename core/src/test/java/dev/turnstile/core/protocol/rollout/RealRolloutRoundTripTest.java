package dev.turnstile.core.protocol.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.turnstile.core.protocol.Fixtures;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.ContentItem;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.item.TurnItem;
import dev.turnstile.core.protocol.item.UserInput;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every line of every real Codex 0.169 rollout (spec §2.2, plus what 0.169 adds) decodes, and re-encodes to
 * the same JSON tree: nothing a newer Codex wrote is lost.
 */
class RealRolloutRoundTripTest {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    /** An independent reader, so that the comparison does not depend on the codec's own configuration. */
    private static final ObjectMapper PLAIN = JsonMapper.builder().build();

    static Stream<Arguments> lines() {
        List<Arguments> all = new ArrayList<>();
        for (Path file : Fixtures.rolloutFiles()) {
            List<String> lines = Fixtures.lines(file);
            for (int i = 0; i < lines.size(); i++) {
                all.add(Arguments.of(file.getFileName() + ":" + (i + 1), lines.get(i)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void everyRealLineDecodesAndReEncodesToTheSameJson(String where, String line) throws Exception {
        RolloutLine decoded = CODEC.decodeRolloutLine(line);
        String encoded = CODEC.encodeRolloutLine(decoded);

        JsonNode original = PLAIN.readTree(line);
        assertThat(PLAIN.readTree(encoded)).as(where).isEqualTo(original);
        assertThat(decoded.item().type()).isEqualTo(original.get("type").asText());
    }

    @Test
    void fixturesArePresentAndNonTrivial() {
        assertThat(lines().count()).isGreaterThan(100);
    }

    @Test
    void knownLineTypesDecodeToTypedPayloadsAndOthersAreKept() {
        List<RolloutItem> items = allItems();
        assertThat(items).hasAtLeastOneElementOfType(RolloutItem.SessionMetaLine.class)
                .hasAtLeastOneElementOfType(RolloutItem.TurnContextLine.class)
                .hasAtLeastOneElementOfType(RolloutItem.ResponseItemLine.class)
                .hasAtLeastOneElementOfType(RolloutItem.EventMsgLine.class);
        assertThat(items).filteredOn(i -> i instanceof RolloutItem.Unknown)
                .extracting(RolloutItem::type)
                .contains("world_state", "token_usage_record");
        // no modelled response item falls into the catch-all
        assertThat(items).filteredOn(i -> i instanceof RolloutItem.ResponseItemLine r
                && r.payload() instanceof ResponseItem.Unknown).isEmpty();
    }

    @Test
    void taskCompleteDecodesToTurnCompleteWithItsTurnIdAndTimings() {
        RolloutLine line = CODEC.decodeRolloutLine(lineOfType("exec-shell-tool-call", "task_complete"));
        var complete = (EventMsg.TurnComplete) ((RolloutItem.EventMsgLine) line.item()).payload();
        assertThat(complete.turnId()).isEqualTo("01a20fc9-643b-7de3-b760-94668da1ec67");
        assertThat(complete.lastAgentMessage()).isEqualTo("mock reply #3: tool finished");
        assertThat(complete.durationMs()).isEqualTo(131L);
        assertThat(complete.timeToFirstTokenMs()).isEqualTo(41L);
        assertThat(complete.unknownFields()).containsKeys("root_turn_id", "started_at");
        assertThat(line.ordinal()).isEqualTo(18L);
    }

    @Test
    void taskStartedKeepsTurnAttributionAsAnUnknownMember() {
        var started = (EventMsg.TurnStarted) event(lineOfType("exec-shell-tool-call", "task_started"));
        assertThat(started.turnId()).isEqualTo("01a20fc9-643b-7de3-b760-94668da1ec67");
        assertThat(started.startedAt()).isEqualTo(1795561186L);
        assertThat(started.modelContextWindow()).isEqualTo(258400L);
        assertThat(started.unknownFields().get("turn_attribution").get("turn_trigger").asText()).isEqualTo("exec");
    }

    @Test
    void userResponseItemCarriesTheTypedText() {
        List<ResponseItem.Message> userMessages = allItems().stream()
                .filter(i -> i instanceof RolloutItem.ResponseItemLine)
                .map(i -> ((RolloutItem.ResponseItemLine) i).payload())
                .filter(r -> r instanceof ResponseItem.Message m && m.role().equals("user"))
                .map(ResponseItem.Message.class::cast)
                .toList();
        assertThat(userMessages).extracting(ResponseItem.Message::joinedText).contains("please RUN_SHELL now");
        ResponseItem.Message prompt = userMessages.stream()
                .filter(m -> m.joinedText().equals("please RUN_SHELL now")).findFirst().orElseThrow();
        assertThat(prompt.id()).startsWith("msg_");
        assertThat(prompt.content()).singleElement().isInstanceOf(ContentItem.InputText.class);
        assertThat(prompt.unknownFields()).containsKey("internal_chat_message_metadata_passthrough");
    }

    @Test
    void functionCallAndItsOutputAreTyped() {
        List<ResponseItem> responseItems = itemsOf("exec-shell-tool-call").stream()
                .filter(i -> i instanceof RolloutItem.ResponseItemLine)
                .map(i -> ((RolloutItem.ResponseItemLine) i).payload())
                .toList();
        ResponseItem.FunctionCall call = responseItems.stream().filter(ResponseItem.FunctionCall.class::isInstance)
                .map(ResponseItem.FunctionCall.class::cast).findFirst().orElseThrow();
        assertThat(call.name()).isEqualTo("exec_command");
        assertThat(call.callId()).isEqualTo("call_mock_2");
        assertThat(call.arguments()).contains("echo hi-from-mock");
        ResponseItem.FunctionCallOutput output = responseItems.stream()
                .filter(ResponseItem.FunctionCallOutput.class::isInstance)
                .map(ResponseItem.FunctionCallOutput.class::cast).findFirst().orElseThrow();
        assertThat(output.callId()).isEqualTo("call_mock_2");
        assertThat(output.outputText()).contains("hi-from-mock");
    }

    @Test
    void itemCompletedDecodesItsTurnItems() {
        List<TurnItem> items = itemsOf("exec-shell-tool-call").stream()
                .filter(i -> i instanceof RolloutItem.EventMsgLine e && e.payload() instanceof EventMsg.ItemCompleted)
                .map(i -> ((EventMsg.ItemCompleted) ((RolloutItem.EventMsgLine) i).payload()).item())
                .toList();
        assertThat(items).hasAtLeastOneElementOfType(TurnItem.UserMessage.class)
                .hasAtLeastOneElementOfType(TurnItem.AgentMessage.class)
                .hasAtLeastOneElementOfType(TurnItem.CommandExecution.class);
        TurnItem.UserMessage user = items.stream().filter(TurnItem.UserMessage.class::isInstance)
                .map(TurnItem.UserMessage.class::cast)
                .filter(u -> u.joinedText().equals("please RUN_SHELL now")).findFirst().orElseThrow();
        assertThat(user.content()).singleElement().isInstanceOf(UserInput.Text.class);
        TurnItem.AgentMessage agent = items.stream().filter(TurnItem.AgentMessage.class::isInstance)
                .map(TurnItem.AgentMessage.class::cast)
                .filter(a -> a.id().equals("msg_mock_3")).findFirst().orElseThrow();
        assertThat(agent.joinedText()).isEqualTo("mock reply #3: tool finished");
        TurnItem.CommandExecution command = items.stream().filter(TurnItem.CommandExecution.class::isInstance)
                .map(TurnItem.CommandExecution.class::cast).findFirst().orElseThrow();
        assertThat(command.command()).containsExactly("/bin/bash", "-c", "echo hi-from-mock");
        assertThat(command.exitCode()).isZero();
        assertThat(command.aggregatedOutput()).isEqualTo("hi-from-mock\n");
        assertThat(command.duration().nanos()).isEqualTo(7004L);
    }

    @Test
    void sessionMetaAndTurnContextAreTyped() {
        SessionMeta meta = allItems().stream().filter(RolloutItem.SessionMetaLine.class::isInstance)
                .map(i -> ((RolloutItem.SessionMetaLine) i).payload()).findFirst().orElseThrow();
        assertThat(meta.cliVersion()).isEqualTo("0.169.0");
        assertThat(meta.cwd()).isEqualTo("/workspace/demo");
        assertThat(meta.baseInstructionsText()).startsWith("You are a coding agent");
        assertThat(meta.unknownFields()).containsKeys("session_id", "runtime_workspace_roots");

        TurnContextItem context = allItems().stream().filter(RolloutItem.TurnContextLine.class::isInstance)
                .map(i -> ((RolloutItem.TurnContextLine) i).payload()).findFirst().orElseThrow();
        assertThat(context.approvalPolicy()).isEqualTo(AskForApproval.NEVER);
        assertThat(context.sandboxPolicy()).isEqualTo(new SandboxPolicy.ReadOnly(false));
        assertThat(context.model()).isEqualTo("mock-model");
    }

    @Test
    void theExecStdoutCaptureIsNotTreatedAsARollout() {
        assertThat(Fixtures.rolloutFiles()).extracting(p -> p.getFileName().toString())
                .noneMatch(name -> name.contains("exec-json-stdout"));
        assertThatCode(Fixtures::codex169).doesNotThrowAnyException();
    }

    private static List<RolloutItem> allItems() {
        return lines().map(a -> CODEC.decodeRolloutLine((String) a.get()[1]).item()).toList();
    }

    private static List<RolloutItem> itemsOf(String filePrefix) {
        Path file = Fixtures.rolloutFiles().stream()
                .filter(p -> p.getFileName().toString().startsWith(filePrefix)).findFirst().orElseThrow();
        return Fixtures.lines(file).stream().map(line -> CODEC.decodeRolloutLine(line).item()).toList();
    }

    private static EventMsg event(String line) {
        return ((RolloutItem.EventMsgLine) CODEC.decodeRolloutLine(line).item()).payload();
    }

    private static String lineOfType(String filePrefix, String eventType) {
        for (Path file : Fixtures.rolloutFiles()) {
            if (!file.getFileName().toString().startsWith(filePrefix)) {
                continue;
            }
            for (String line : Fixtures.lines(file)) {
                if (line.contains("\"type\":\"event_msg\"") && line.contains("\"type\":\"" + eventType + "\"")) {
                    return line;
                }
            }
        }
        throw new AssertionError("no " + eventType + " line in " + filePrefix);
    }
}
