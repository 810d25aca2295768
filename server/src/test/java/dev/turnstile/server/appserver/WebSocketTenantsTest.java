package dev.turnstile.server.appserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.server.appserver.tenants.TenantRegistry;
import dev.turnstile.server.appserver.transport.WebSocketServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end over real WebSocket connections: the probes, bearer authentication, per-connection handshakes, and
 * two tenants that cannot see each other's threads through any method.
 */
class WebSocketTenantsTest {
    private static final String UNKNOWN = "01a20fca-0000-7000-8000-000000000000";

    private static TenantRegistry tenants() {
        return TenantRegistry.parse(List.of(TenantRegistry.line("acme", "token-a"),
                TenantRegistry.line("globex", "token-b")), "test");
    }

    @Test
    void probesAnswerAndAConnectionWithoutAValidTokenIsRefused(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data);
             WebSocketServer ws = WebSocketServer.start(fixture.server, tenants(),
                     new InetSocketAddress("127.0.0.1", 0), 1 << 20)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + ws.address().getPort();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
                    .header("Origin", "https://example.test").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
            URI uri = URI.create("ws://127.0.0.1:" + ws.address().getPort() + "/");
            assertThatThrownBy(() -> WsClient.connect(uri, null)).rootCause().hasMessageContaining("401");
            assertThatThrownBy(() -> WsClient.connect(uri, "wrong")).rootCause().hasMessageContaining("401");
        }
    }

    @Test
    void eachConnectionInitializesSeparatelyAndGetsItsOwnAnswers(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data);
             WebSocketServer ws = WebSocketServer.start(fixture.server, tenants(),
                     new InetSocketAddress("127.0.0.1", 0), 1 << 20)) {
            URI uri = URI.create("ws://127.0.0.1:" + ws.address().getPort() + "/");
            try (WsClient first = WsClient.connect(uri, "token-a"); WsClient second = WsClient.connect(uri, "token-a")) {
                first.initialize(false);
                JsonNode early = second.callError("thread/list", RpcClient.params());
                assertThat(early.get("message").asText()).isEqualTo("Not initialized");
                second.initialize(false);
                // The same request id on both connections: each gets its own answer.
                first.sendRaw("{\"id\":77,\"method\":\"thread/start\",\"params\":{}}");
                second.sendRaw("{\"id\":77,\"method\":\"thread/start\",\"params\":{}}");
                String threadA = first.answerTo(77).at("/result/thread/id").asText();
                String threadB = second.answerTo(77).at("/result/thread/id").asText();
                assertThat(threadA).isNotEqualTo(threadB);
            }
        }
    }

    @Test
    void anotherTenantsThreadAnswersExactlyLikeAThreadThatDoesNotExist(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data);
             WebSocketServer ws = WebSocketServer.start(fixture.server, tenants(),
                     new InetSocketAddress("127.0.0.1", 0), 1 << 20)) {
            URI uri = URI.create("ws://127.0.0.1:" + ws.address().getPort() + "/");
            try (WsClient acme = WsClient.connect(uri, "token-a"); WsClient globex = WsClient.connect(uri, "token-b")) {
                acme.initialize(true);
                globex.initialize(true);
                String thread = acme.call("thread/start", RpcClient.params()).at("/thread/id").asText();
                String turn = acme.call("turn/start", RpcClient.text(RpcClient.params().put("threadId", thread),
                        "hello")).at("/turn/id").asText();
                acme.notification("turn/completed");

                List<Function<String, ObjectNode>> requests = List.of(
                        id -> RpcClient.params().put("threadId", id),
                        id -> RpcClient.params().put("threadId", id).put("includeTurns", true),
                        id -> RpcClient.params().put("threadId", id).put("numTurns", 1),
                        id -> RpcClient.params().put("threadId", id).put("beforeTurnId", turn),
                        id -> RpcClient.params().put("threadId", id).put("name", "stolen"),
                        id -> RpcClient.params().put("threadId", id).put("command", "echo hi"),
                        id -> RpcClient.text(RpcClient.params().put("threadId", id), "hi"),
                        id -> RpcClient.text(RpcClient.params().put("threadId", id), "hi")
                                .put("expectedTurnId", turn),
                        id -> RpcClient.params().put("threadId", id).put("turnId", turn),
                        id -> {
                            ObjectNode p = RpcClient.params().put("threadId", id);
                            p.putObject("target").put("type", "uncommittedChanges");
                            return p;
                        });
                String[][] methods = {
                        {"thread/resume", "0"}, {"thread/read", "1"}, {"thread/rollback", "2"},
                        {"thread/revert", "3"}, {"thread/archive", "0"}, {"thread/unarchive", "0"},
                        {"thread/unsubscribe", "0"}, {"thread/name/set", "4"}, {"thread/compact/start", "0"},
                        {"thread/shellCommand", "5"}, {"turn/start", "6"}, {"turn/steer", "7"},
                        {"turn/interrupt", "8"}, {"review/start", "9"}, {"thread/turns/list", "0"},
                        {"thread/fork", "0"}};
                for (String[] method : methods) {
                    Function<String, ObjectNode> params = requests.get(Integer.parseInt(method[1]));
                    JsonNode foreign = globex.answerTo(globex.send(method[0], params.apply(thread)));
                    JsonNode missing = globex.answerTo(globex.send(method[0], params.apply(UNKNOWN)));
                    String foreignText = foreign.toString().replace(thread, "<id>").replaceAll("\"id\":\\d+", "");
                    String missingText = missing.toString().replace(UNKNOWN, "<id>").replaceAll("\"id\":\\d+", "");
                    assertThat(foreignText).as(method[0]).isEqualTo(missingText);
                }
                assertThat(globex.call("thread/list", RpcClient.params()).get("data")).isEmpty();
                JsonNode own = acme.call("thread/list", RpcClient.params()).get("data");
                assertThat(own).hasSize(1);
                assertThat(own.get(0).get("id").asText()).isEqualTo(thread);
                assertThat(own.get(0).get("name").isNull()).isTrue();
                JsonNode read = acme.call("thread/read", RpcClient.params().put("threadId", thread)
                        .put("includeTurns", true));
                assertThat(read.at("/thread/turns")).hasSize(1);
                assertThat(read.at("/thread/turns/0/id").asText()).isEqualTo(turn);
                assertThat(globex.methodsSeen()).doesNotContain("turn/started", "item/started");
            }
        }
    }
}
