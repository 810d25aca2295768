package dev.turnstile.server.appserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.server.appserver.tenants.TenantRegistry;
import dev.turnstile.server.appserver.transport.WebSocketServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-tenant limits answer with a clear error at once, and never hold up another tenant. */
class TenantLimitsTest {

    @Test
    void aTenantAtItsLimitsIsRefusedWhileAnotherGoesOn(@TempDir Path data) throws Exception {
        TenantRegistry tenants = TenantRegistry.parse(List.of(
                TenantRegistry.line("small", "token-s") + " loaded-threads=1 in-flight-turns=1",
                TenantRegistry.line("big", "token-b")), "test");
        try (ServerFixture fixture = new ServerFixture(data);
             WebSocketServer ws = WebSocketServer.start(fixture.server, tenants,
                     new InetSocketAddress("127.0.0.1", 0), 1 << 20)) {
            URI uri = URI.create("ws://127.0.0.1:" + ws.address().getPort() + "/");
            try (WsClient small = WsClient.connect(uri, "token-s"); WsClient big = WsClient.connect(uri, "token-b")) {
                small.initialize(false);
                big.initialize(false);
                String thread = small.call("thread/start", RpcClient.params()).at("/thread/id").asText();
                JsonNode second = small.callError("thread/start", RpcClient.params());
                assertThat(second.get("message").asText()).startsWith("tenant limit reached: tenant `small` has 1 "
                        + "threads loaded");
                assertThat(second.at("/data/tenantLimit").asText()).isEqualTo("loadedThreads");

                small.call("turn/start", RpcClient.text(RpcClient.params().put("threadId", thread), "SLOW"));
                String bigThread = big.call("thread/start", RpcClient.params()).at("/thread/id").asText();
                String bigTurn = big.call("turn/start", RpcClient.text(RpcClient.params()
                        .put("threadId", bigThread), "hello")).at("/turn/id").asText();
                assertThat(big.notification("turn/completed").at("/params/turn/id").asText()).isEqualTo(bigTurn);
                assertThat(big.call("thread/start", RpcClient.params()).at("/thread/id").asText()).isNotEmpty();
            }
        }
    }
}
