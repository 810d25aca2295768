package dev.turnstile.server.appserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code turn/steer} goes through the core's steer command (spec §4.4): the check of the running turn and the steer
 * are one step on the thread's shard, it never starts a turn, and each refusal is answered with its own message.
 */
class TurnSteerTest {

    private static ObjectNode steer(String threadId, String expectedTurnId, String text) {
        ObjectNode params = text == null ? RpcClient.params().put("threadId", threadId)
                : RpcClient.text(RpcClient.params().put("threadId", threadId), text);
        if (text == null) {
            params.putArray("input");
        }
        return params.put("expectedTurnId", expectedTurnId);
    }

    @Test
    void steeredInputJoinsTheRunningTurnAndNoOtherTurnStarts(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(false);
            String thread = client.call("thread/start", RpcClient.params()).at("/thread/id").asText();
            CountDownLatch gate = fixture.model.holdNext();
            String turn = client.call("turn/start", RpcClient.text(RpcClient.params().put("threadId", thread),
                    "first words")).at("/turn/id").asText();
            assertThat(fixture.model.awaitHeld(RpcClient.WAIT_SECONDS)).as("the turn is sampling").isTrue();

            assertThat(client.call("turn/steer", steer(thread, turn, "and more")).get("turnId").asText())
                    .isEqualTo(turn);
            gate.countDown();
            JsonNode completed = client.notification("turn/completed");
            assertThat(completed.at("/params/turn/id").asText()).isEqualTo(turn);
            assertThat(completed.at("/params/turn/status").asText()).isEqualTo("completed");

            JsonNode turns = client.call("thread/read", RpcClient.params().put("threadId", thread)
                    .put("includeTurns", true)).at("/thread/turns");
            assertThat(turns).hasSize(1);
            List<String> userTexts = new ArrayList<>();
            turns.get(0).get("items").forEach(item -> {
                if (item.get("type").asText().equals("userMessage")) {
                    userTexts.add(item.at("/content/0/text").asText());
                }
            });
            assertThat(userTexts).containsExactly("first words", "and more");
            assertThat(client.methodsSeen().stream().filter("turn/started"::equals)).hasSize(1);
        }
    }

    @Test
    void aSteerAfterItsTurnEndedIsRefusedAndStartsNothing(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(false);
            String thread = client.call("thread/start", RpcClient.params()).at("/thread/id").asText();
            String turn = client.call("turn/start", RpcClient.text(RpcClient.params().put("threadId", thread),
                    "hello")).at("/turn/id").asText();
            client.notification("turn/completed");

            JsonNode late = client.callError("turn/steer", steer(thread, turn, "too late"));
            assertThat(late.get("code").asInt()).isEqualTo(-32600);
            assertThat(late.get("message").asText()).isEqualTo("no active turn to steer");
            assertThat(client.call("thread/read", RpcClient.params().put("threadId", thread)
                    .put("includeTurns", true)).at("/thread/turns")).hasSize(1);
            assertThat(client.methodsSeen().stream().filter("turn/started"::equals)).hasSize(1);
        }
    }

    @Test
    void eachRefusalSaysWhy(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(false);
            String thread = client.call("thread/start", RpcClient.params()).at("/thread/id").asText();
            assertThat(client.callError("turn/steer", steer(thread, "", "text")).get("message").asText())
                    .isEqualTo("expectedTurnId must not be empty");

            CountDownLatch gate = fixture.model.holdNext();
            String turn = client.call("turn/start", RpcClient.text(RpcClient.params().put("threadId", thread),
                    "hello")).at("/turn/id").asText();
            assertThat(fixture.model.awaitHeld(RpcClient.WAIT_SECONDS)).isTrue();
            assertThat(client.callError("turn/steer", steer(thread, "other", "text")).get("message").asText())
                    .isEqualTo("expected active turn id `other` but found `" + turn + "`");
            JsonNode empty = client.callError("turn/steer", steer(thread, turn, null));
            assertThat(empty.get("code").asInt()).isEqualTo(-32600);
            assertThat(empty.get("message").asText()).isEqualTo("input must not be empty");
            gate.countDown();
            client.notification("turn/completed");

            // A compaction is a turn that takes no input: the error carries the TurnError as data.
            CountDownLatch compacting = fixture.model.holdNext();
            client.call("thread/compact/start", RpcClient.params().put("threadId", thread));
            String compactTurn = client.next(m -> "turn/started".equals(m.path("method").asText())
                    && !m.at("/params/turn/id").asText().equals(turn)).at("/params/turn/id").asText();
            assertThat(fixture.model.awaitHeld(RpcClient.WAIT_SECONDS)).isTrue();
            JsonNode compact = client.callError("turn/steer", steer(thread, compactTurn, "text"));
            assertThat(compact.get("code").asInt()).isEqualTo(-32600);
            assertThat(compact.get("message").asText()).isEqualTo("cannot steer a compact turn");
            assertThat(compact.at("/data/codexErrorInfo/activeTurnNotSteerable/turnKind").asText())
                    .isEqualTo("compact");
            compacting.countDown();
            client.next(m -> "turn/completed".equals(m.path("method").asText())
                    && m.at("/params/turn/id").asText().equals(compactTurn));
            assertThat(client.methodsSeen()).doesNotContain("error");
        }
    }
}
