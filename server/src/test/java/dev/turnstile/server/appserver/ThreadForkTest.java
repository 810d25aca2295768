package dev.turnstile.server.appserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.server.appserver.tenants.TenantRegistry;
import dev.turnstile.server.appserver.transport.WebSocketServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code thread/fork {threadId, lastTurnId?, excludeTurns?}} (spec §4.4; Codex 0.169 README): a new thread with the
 * parent's history up to a turn, copy-on-write in the journal, owned and followed by the caller.
 */
class ThreadForkTest {

    private static List<String> turnIds(JsonNode turns) {
        List<String> ids = new ArrayList<>();
        turns.forEach(turn -> ids.add(turn.get("id").asText()));
        return ids;
    }

    private static String turn(RpcClient client, String threadId, String text) {
        String turnId = client.call("turn/start", RpcClient.text(RpcClient.params().put("threadId", threadId), text))
                .at("/turn/id").asText();
        JsonNode done = client.next(m -> "turn/completed".equals(m.path("method").asText())
                && m.at("/params/turn/id").asText().equals(turnId));
        assertThat(done.at("/params/turn/status").asText()).isEqualTo("completed");
        return turnId;
    }

    @Test
    void aForkAtATurnHasTheTurnsUpToItAndGoesOnByItself(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(false);
            String parent = client.call("thread/start", RpcClient.params()).at("/thread/id").asText();
            String first = turn(client, parent, "first");
            String second = turn(client, parent, "second");
            String third = turn(client, parent, "third");

            JsonNode fork = client.call("thread/fork", RpcClient.params().put("threadId", parent)
                    .put("lastTurnId", second));
            if (CodexSchemas.available()) {
                JsonNode response = dev.turnstile.server.appserver.rpc.MessageCodec.NODES.objectNode().put("id", 1)
                        .set("result", fork);
                assertThat(CodexSchemas.problems(response, "thread/fork")).isEmpty();
            }
            String child = fork.at("/thread/id").asText();
            assertThat(child).isNotEqualTo(parent);
            assertThat(fork.at("/thread/forkedFromId").asText()).isEqualTo(parent);
            assertThat(fork.at("/thread/status/type").asText()).isEqualTo("idle");
            assertThat(fork.at("/thread/preview").asText()).isEqualTo("first");
            assertThat(turnIds(fork.at("/thread/turns"))).containsExactly(first, second);
            assertThat(fork.at("/thread/turns/1/items/1/text").asText()).endsWith(": second");
            JsonNode started = client.next(m -> "thread/started".equals(m.path("method").asText())
                    && m.at("/params/thread/id").asText().equals(child));
            assertThat(started.at("/params/thread/forkedFromId").asText()).isEqualTo(parent);

            // The child follows its own way; the parent keeps all its turns.
            String fourth = turn(client, child, "only in the fork");
            JsonNode childRead = client.call("thread/read", RpcClient.params().put("threadId", child)
                    .put("includeTurns", true));
            assertThat(turnIds(childRead.at("/thread/turns"))).containsExactly(first, second, fourth);
            JsonNode parentRead = client.call("thread/read", RpcClient.params().put("threadId", parent)
                    .put("includeTurns", true));
            assertThat(turnIds(parentRead.at("/thread/turns"))).containsExactly(first, second, third);
            assertThat(parentRead.at("/thread/forkedFromId").isNull()).isTrue();
            List<String> listed = new ArrayList<>();
            client.call("thread/list", RpcClient.params()).get("data").forEach(t -> listed.add(t.get("id").asText()));
            assertThat(listed).containsExactlyInAnyOrder(parent, child);
        }
    }

    @Test
    void excludeTurnsAnswersWithoutTurnsAndTheForkStillHasThem(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(false);
            String parent = client.call("thread/start", RpcClient.params()).at("/thread/id").asText();
            String first = turn(client, parent, "first");
            String second = turn(client, parent, "second");

            JsonNode fork = client.call("thread/fork", RpcClient.params().put("threadId", parent)
                    .put("excludeTurns", true));
            assertThat(fork.at("/thread/turns")).isEmpty();
            assertThat(fork.at("/thread/preview").asText()).isEqualTo("first");
            String child = fork.at("/thread/id").asText();
            JsonNode listed = client.call("thread/turns/list", RpcClient.params().put("threadId", child));
            assertThat(turnIds(listed.get("data"))).containsExactly(second, first);
        }
    }

    @Test
    void anUnknownTurnOrParentIsRefusedAndLeavesNoThread(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(false);
            String parent = client.call("thread/start", RpcClient.params()).at("/thread/id").asText();
            turn(client, parent, "first");
            String unknownTurn = "01a20fce-0000-7000-8000-00000000beef";

            JsonNode noTurn = client.callError("thread/fork", RpcClient.params().put("threadId", parent)
                    .put("lastTurnId", unknownTurn));
            assertThat(noTurn.get("code").asInt()).isEqualTo(-32600);
            assertThat(noTurn.get("message").asText()).isEqualTo("turn not found: " + unknownTurn);

            String unknownThread = "01a20fce-0000-7000-8000-000000000000";
            JsonNode noParent = client.callError("thread/fork", RpcClient.params().put("threadId", unknownThread));
            assertThat(noParent.get("message").asText()).isEqualTo("no rollout found for thread id " + unknownThread);

            // A thread without a turn has nothing stored to fork from, as upstream.
            String empty = client.call("thread/start", RpcClient.params()).at("/thread/id").asText();
            assertThat(client.callError("thread/fork", RpcClient.params().put("threadId", empty)).get("message")
                    .asText()).isEqualTo("no rollout found for thread id " + empty);

            assertThat(client.call("thread/list", RpcClient.params()).get("data")).hasSize(2);
            assertThat(fixture.server.loadedThreads()).hasSize(2);
            assertThat(fixture.server.usageOf(dev.turnstile.server.appserver.tenants.Tenant.local()).loadedThreads())
                    .as("refused forks hold no loaded thread").isEqualTo(2);
        }
    }

    @Test
    void theForkBelongsToTheTenantThatAskedForIt(@TempDir Path data) throws Exception {
        TenantRegistry tenants = TenantRegistry.parse(List.of(TenantRegistry.line("acme", "token-a"),
                TenantRegistry.line("globex", "token-b")), "test");
        try (ServerFixture fixture = new ServerFixture(data);
             WebSocketServer ws = WebSocketServer.start(fixture.server, tenants,
                     new InetSocketAddress("127.0.0.1", 0), 1 << 20)) {
            URI uri = URI.create("ws://127.0.0.1:" + ws.address().getPort() + "/");
            try (WsClient acme = WsClient.connect(uri, "token-a"); WsClient globex = WsClient.connect(uri, "token-b")) {
                acme.initialize(false);
                globex.initialize(false);
                String parent = acme.call("thread/start", RpcClient.params()).at("/thread/id").asText();
                turn(acme, parent, "secret plans");
                String child = acme.call("thread/fork", RpcClient.params().put("threadId", parent))
                        .at("/thread/id").asText();

                assertThat(fixture.catalog.find(child).orElseThrow().tenantId()).isEqualTo("acme");
                assertThat(globex.callError("thread/read", RpcClient.params().put("threadId", child))
                        .get("message").asText()).isEqualTo("thread not found: " + child);
                assertThat(globex.callError("thread/fork", RpcClient.params().put("threadId", child))
                        .get("message").asText()).isEqualTo("no rollout found for thread id " + child);
                assertThat(globex.call("thread/list", RpcClient.params()).get("data")).isEmpty();
                assertThat(acme.call("thread/read", RpcClient.params().put("threadId", child))
                        .at("/thread/forkedFromId").asText()).isEqualTo(parent);
            }
        }
    }
}
