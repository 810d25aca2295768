package dev.turnstile.server.appserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.server.appserver.tenants.TenantRegistry;
import dev.turnstile.server.appserver.transport.WebSocketServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages of several MB over WebSocket: a resumed thread's history reaches a client that reads even when it is
 * larger than the outbound bound (which is for clients that do not read), and a message over the server's inbound
 * limit is answered with a JSON-RPC error naming the limit, the connection staying usable.
 */
class LargeMessagesOverWebSocketTest {
    private static final long OUTBOUND_LIMIT = 1 << 20;

    private static TenantRegistry tenants() {
        return TenantRegistry.parse(List.of(TenantRegistry.line("acme", "token-a")), "test");
    }

    @Test
    void aResumedHistoryOfSeveralMegabytesReachesAReconnectedClient(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data);
             WebSocketServer ws = WebSocketServer.start(fixture.server, tenants(),
                     new InetSocketAddress("127.0.0.1", 0), OUTBOUND_LIMIT)) {
            URI uri = URI.create("ws://127.0.0.1:" + ws.address().getPort() + "/");
            String thread;
            // Turns of moderate size (each turn's burst of messages stays well under the bound), many of them: the
            // history is several MB, and only its resume answer is larger than the bound.
            int turns = 30;
            int chars = 100_000;
            try (WsClient first = WsClient.connect(uri, "token-a")) {
                first.initialize(false);
                thread = first.call("thread/start", RpcClient.params()).at("/thread/id").asText();
                for (int i = 0; i < turns; i++) {
                    // Each turn keeps its input and the mock's echo of it: about 2 x 100 KB of history.
                    String text = i + ":" + String.valueOf((char) ('a' + i % 26)).repeat(chars);
                    String turn = first.call("turn/start", RpcClient.text(RpcClient.params()
                            .put("threadId", thread), text)).at("/turn/id").asText();
                    first.next(m -> "turn/completed".equals(m.path("method").asText())
                            && m.at("/params/turn/id").asText().equals(turn));
                }
            }
            var loaded = fixture.server.loaded(thread);
            if (loaded != null) {
                loaded.unloadedFuture().get(RpcClient.WAIT_SECONDS, TimeUnit.SECONDS);
            }
            try (WsClient back = WsClient.connect(uri, "token-a")) {
                back.initialize(false);
                long id = back.send("thread/resume", RpcClient.params().put("threadId", thread));
                JsonNode answer = back.answerTo(id);
                assertThat(answer.has("error")).as("resume answered %s", answer.path("error")).isFalse();
                JsonNode resumed = answer.get("result");
                assertThat(resumed.toString().length()).as("the answer is larger than the outbound bound")
                        .isGreaterThan(4 * (int) OUTBOUND_LIMIT);
                assertThat(resumed.at("/thread/turns")).hasSize(turns);
                for (int i = 0; i < turns; i++) {
                    assertThat(resumed.at("/thread/turns/" + i + "/items/0/content/0/text").asText())
                            .hasSize(chars + String.valueOf(i).length() + 1).startsWith(i + ":");
                }
                // The connection goes on: the notification after the answer arrives, and a new turn runs.
                back.notification("thread/tokenUsage/updated");
                String turn = back.call("turn/start", RpcClient.text(RpcClient.params().put("threadId", thread),
                        "after the big answer")).at("/turn/id").asText();
                assertThat(back.next(m -> "turn/completed".equals(m.path("method").asText()))
                        .at("/params/turn/id").asText()).isEqualTo(turn);
            }
        }
    }

    @Test
    void aMessageOverTheInboundLimitIsAnsweredWithAnErrorNamingIt(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data);
             WebSocketServer ws = WebSocketServer.start(fixture.server, tenants(),
                     new InetSocketAddress("127.0.0.1", 0), OUTBOUND_LIMIT)) {
            URI uri = URI.create("ws://127.0.0.1:" + ws.address().getPort() + "/");
            int limit = fixture.server.settings().maxMessageBytes();
            try (WsClient client = WsClient.connect(uri, "token-a")) {
                client.initialize(false);
                String thread = client.call("thread/start", RpcClient.params()).at("/thread/id").asText();
                String huge = "x".repeat(limit + 1024);
                // Sent as one frame, and as a message in several frames: both are refused with the limit named.
                JsonNode whole = client.answerTo(client.send("turn/start", RpcClient.text(RpcClient.params()
                        .put("threadId", thread), huge)));
                assertThat(whole.at("/error/code").asInt()).isEqualTo(-32600);
                assertThat(whole.at("/error/message").asText()).contains("the limit is " + limit + " bytes");

                String fragmented = "{\"id\":4242,\"method\":\"turn/start\",\"params\":{\"threadId\":\"" + thread
                        + "\",\"input\":[{\"type\":\"text\",\"text\":\"" + huge + "\"}]}}";
                client.sendFragments(fragmented, 256 * 1024);
                JsonNode pieces = client.answerTo(4242);
                assertThat(pieces.at("/error/code").asInt()).isEqualTo(-32600);
                assertThat(pieces.at("/error/message").asText()).contains("the limit is " + limit + " bytes");

                // Nothing reached the thread, and the connection still works.
                assertThat(client.methodsSeen()).doesNotContain("turn/started");
                String turn = client.call("turn/start", RpcClient.text(RpcClient.params().put("threadId", thread),
                        "small")).at("/turn/id").asText();
                assertThat(client.notification("turn/completed").at("/params/turn/id").asText()).isEqualTo(turn);
            }
        }
    }
}
