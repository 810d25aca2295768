package dev.turnstile.server.appserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** turn/interrupt, turn/steer and turn/start on a busy thread (spec §4.4, §4.8; Codex 0.169 transcript). */
class TurnControlTest {

    @Test
    void aRunningTurnIsSteeredAndInterrupted(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(false);
            String threadId = client.call("thread/start", RpcClient.params()).at("/thread/id").asText();
            ObjectNode steerIdle = RpcClient.text(RpcClient.params().put("threadId", threadId), "more");
            steerIdle.put("expectedTurnId", "turn-does-not-exist");
            assertThat(client.callError("turn/steer", steerIdle).get("message").asText())
                    .isEqualTo("no active turn to steer");

            String turnId = client.call("turn/start", RpcClient.text(RpcClient.params().put("threadId", threadId),
                    "slow one SLOW")).at("/turn/id").asText();
            client.notification("turn/started");

            JsonNode busy = client.call("turn/start", RpcClient.text(RpcClient.params().put("threadId", threadId),
                    "while busy"));
            assertThat(busy.at("/turn/id").asText()).isEqualTo(turnId);

            ObjectNode wrong = RpcClient.text(RpcClient.params().put("threadId", threadId), "steer text");
            wrong.put("expectedTurnId", "other");
            assertThat(client.callError("turn/steer", wrong).get("message").asText())
                    .isEqualTo("expected active turn id `other` but found `" + turnId + "`");
            ObjectNode steer = RpcClient.text(RpcClient.params().put("threadId", threadId), "steer text");
            steer.put("expectedTurnId", turnId);
            assertThat(client.call("turn/steer", steer).get("turnId").asText()).isEqualTo(turnId);

            ObjectNode interrupt = RpcClient.params().put("threadId", threadId).put("turnId", turnId);
            assertThat(client.call("turn/interrupt", interrupt)).isEmpty();
            JsonNode completed = client.notification("turn/completed");
            assertThat(completed.at("/params/turn/id").asText()).isEqualTo(turnId);
            assertThat(completed.at("/params/turn/status").asText()).isEqualTo("interrupted");

            JsonNode late = client.callError("turn/interrupt", interrupt);
            assertThat(late.get("code").asInt()).isEqualTo(-32600);
            assertThat(late.get("message").asText()).isEqualTo("no active turn to interrupt");
        }
    }
}
