package dev.turnstile.server.appserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.server.appserver.tenants.TenantRegistry;
import dev.turnstile.server.appserver.transport.WebSocketServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 4 of the issue: a client that stops reading is cut off when its bounded outbound buffer fills, another
 * client is not slowed, and the cut-off client reconnects and resumes its thread with nothing lost.
 */
class SlowReaderTest {

    @Test
    void aClientThatStopsReadingIsCutOffAndResumesWithNothingLost(@TempDir Path data) throws Exception {
        TenantRegistry tenants = TenantRegistry.parse(List.of(TenantRegistry.line("acme", "token-a")), "test");
        try (ServerFixture fixture = new ServerFixture(data);
             WebSocketServer ws = WebSocketServer.start(fixture.server, tenants,
                     new InetSocketAddress("127.0.0.1", 0), new WebSocketServer.Options(16 * 1024, 4096))) {
            URI uri = URI.create("ws://127.0.0.1:" + ws.address().getPort() + "/");
            CountDownLatch cutOff = new CountDownLatch(1);
            try (WsClient slow = WsClient.slow(uri, "token-a"); WsClient fast = WsClient.connect(uri, "token-a")) {
                slow.initialize(false);
                fast.initialize(false);
                String slowThread = slow.call("thread/start", RpcClient.params()).at("/thread/id").asText();
                String fastThread = fast.call("thread/start", RpcClient.params()).at("/thread/id").asText();
                fixture.server.onConnectionClosed(connection -> cutOff.countDown());

                slow.stopReading();
                slow.send("turn/start", RpcClient.text(RpcClient.params().put("threadId", slowThread),
                        "FLOOD 3000"));
                assertThat(cutOff.await(RpcClient.WAIT_SECONDS, TimeUnit.SECONDS))
                        .as("the slow client was cut off").isTrue();

                String fastTurn = fast.call("turn/start", RpcClient.text(RpcClient.params()
                        .put("threadId", fastThread), "still here")).at("/turn/id").asText();
                JsonNode done = fast.notification("turn/completed");
                assertThat(done.at("/params/turn/id").asText()).isEqualTo(fastTurn);
                assertThat(done.at("/params/turn/status").asText()).isEqualTo("completed");
                // The flooding turn goes on without its client; once it ends, nobody follows the thread and it is
                // unloaded (it stays in the journal).
                var loaded = fixture.server.loaded(slowThread);
                if (loaded != null) {
                    loaded.unloadedFuture().get(RpcClient.WAIT_SECONDS, TimeUnit.SECONDS);
                }
            }
            try (WsClient back = WsClient.connect(uri, "token-a")) {
                back.initialize(false);
                String slowThread = fixture.catalog.list("acme").stream()
                        .filter(entry -> !entry.preview().equals("still here")).findFirst().orElseThrow().threadId();
                JsonNode resumed = back.call("thread/resume", RpcClient.params().put("threadId", slowThread));
                assertThat(resumed.at("/thread/turns/0/status").asText()).isEqualTo("completed");
                JsonNode read = back.call("thread/read", RpcClient.params().put("threadId", slowThread)
                        .put("includeTurns", true));
                JsonNode turn = read.at("/thread/turns/0");
                assertThat(turn.get("status").asText()).isEqualTo("completed");
                assertThat(turn.at("/items/1/text").asText()).isEqualTo("flood done (3000 KiB)");
            }
        }
    }
}
