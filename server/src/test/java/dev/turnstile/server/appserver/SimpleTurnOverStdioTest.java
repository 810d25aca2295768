package dev.turnstile.server.appserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec §4.7: the whole notification sequence of a simple turn, over stdio, with the scripted model. */
class SimpleTurnOverStdioTest {

    @Test
    void aSimpleTurnSendsTheSpecSequenceOfNotifications(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(true);
            JsonNode start = client.call("thread/start", RpcClient.params().put("cwd", data.toString()));
            JsonNode thread = start.get("thread");
            String threadId = thread.get("id").asText();
            assertThat(thread.get("sessionId").asText()).isEqualTo(threadId);
            assertThat(thread.get("status").get("type").asText()).isEqualTo("idle");
            assertThat(thread.get("preview").asText()).isEmpty();
            assertThat(thread.get("turns")).isEmpty();
            assertThat(thread.has("name")).isTrue();
            assertThat(thread.get("name").isNull()).isTrue();
            assertThat(start.get("cwd").asText()).isEqualTo(data.toString());
            assertThat(start.get("runtimeWorkspaceRoots").get(0).asText()).isEqualTo(data.toString());
            JsonNode started = client.notification("thread/started");
            assertThat(started.get("params").get("thread")).isEqualTo(thread);

            JsonNode turn = client.call("turn/start", RpcClient.text(RpcClient.params().put("threadId", threadId),
                    "Hello")).get("turn");
            String turnId = turn.get("id").asText();
            assertThat(turn.get("status").asText()).isEqualTo("inProgress");
            assertThat(turn.get("itemsView").asText()).isEqualTo("notLoaded");
            assertThat(turn.get("items")).isEmpty();

            JsonNode completed = client.notification("turn/completed");
            client.notification("thread/status/changed"); // active
            JsonNode idle = client.next(m -> "thread/status/changed".equals(m.path("method").asText())
                    && "idle".equals(m.at("/params/status/type").asText()));
            assertThat(idle).isNotNull();
            assertThat(completed.at("/params/turn/id").asText()).isEqualTo(turnId);
            assertThat(completed.at("/params/turn/status").asText()).isEqualTo("completed");
            assertThat(completed.at("/params/turn/items")).isEmpty();

            assertThat(client.methodsSeen()).containsSubsequence("thread/started", "thread/status/changed",
                    "turn/started", "item/started", "item/completed", "item/started", "item/agentMessage/delta",
                    "item/completed", "thread/tokenUsage/updated", "turn/completed", "thread/status/changed");
            List<JsonNode> items = client.seen.stream().filter(m -> m.path("method").asText().startsWith("item/"))
                    .toList();
            JsonNode userStarted = items.get(0).get("params");
            assertThat(userStarted.at("/item/type").asText()).isEqualTo("userMessage");
            assertThat(userStarted.at("/item/content/0/text").asText()).isEqualTo("Hello");
            assertThat(userStarted.at("/item/content/0/text_elements").isArray()).isTrue();
            assertThat(userStarted.get("turnId").asText()).isEqualTo(turnId);
            JsonNode agentStarted = items.get(2).get("params");
            assertThat(agentStarted.at("/item/type").asText()).isEqualTo("agentMessage");
            assertThat(agentStarted.at("/item/text").asText()).isEmpty();
            JsonNode agentCompleted = client.seen.stream()
                    .filter(m -> "item/completed".equals(m.path("method").asText())
                            && "agentMessage".equals(m.at("/params/item/type").asText())).findFirst().orElseThrow();
            assertThat(agentCompleted.at("/params/item/text").asText()).isEqualTo("mock reply #1: Hello");
            String deltas = client.seen.stream().filter(m -> "item/agentMessage/delta".equals(m.path("method")
                    .asText())).map(m -> m.at("/params/delta").asText()).reduce("", String::concat);
            assertThat(deltas).isEqualTo("mock reply #1: Hello");
            JsonNode turnStarted = client.seen.stream().filter(m -> "turn/started".equals(m.path("method").asText()))
                    .findFirst().orElseThrow();
            assertThat(turnStarted.at("/params/turn/id").asText()).isEqualTo(turnId);
            JsonNode usage = client.seen.stream().filter(m -> "thread/tokenUsage/updated".equals(
                    m.path("method").asText())).findFirst().orElseThrow();
            assertThat(usage.at("/params/tokenUsage/total/totalTokens").asLong()).isEqualTo(108);
        }
    }
}
