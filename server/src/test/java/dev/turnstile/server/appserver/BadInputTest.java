package dev.turnstile.server.appserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 5 of the issue and spec §4.2/§4.3: every bad message gets a JSON-RPC error a person can act on, the
 * connection stays usable, and no thread changes.
 */
class BadInputTest {

    @Test
    void theHandshakeIsCheckedPerConnection(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            JsonNode early = client.callError("thread/start", RpcClient.params());
            assertThat(early.get("code").asInt()).isEqualTo(-32600);
            assertThat(early.get("message").asText()).isEqualTo("Not initialized");

            ObjectNode bad = RpcClient.params();
            bad.putObject("clientInfo").put("name", "bad\rname").put("version", "1");
            JsonNode badName = client.callError("initialize", bad);
            assertThat(badName.get("message").asText())
                    .isEqualTo("Invalid clientInfo.name: 'bad\rname'. Must be a valid HTTP header value.");
            assertThat(badName.has("data")).isFalse();

            client.initialize(false);
            JsonNode again = client.callError("initialize", bad);
            assertThat(again.get("message").asText()).isEqualTo("Already initialized");
        }
    }

    @Test
    void malformedUnknownAndMistypedRequestsAreAnsweredAndTheConnectionStaysUsable(@TempDir Path data)
            throws Exception {
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(false);
            client.sendRaw("{\"id\": 1, \"method\": ");
            JsonNode parse = client.next(m -> m.has("error") && m.get("id").isNull());
            assertThat(parse.at("/error/code").asInt()).isEqualTo(-32700);
            assertThat(parse.at("/error/message").asText()).startsWith("Parse error");

            JsonNode unknown = client.callError("thread/rollbackz", RpcClient.params());
            assertThat(unknown.get("code").asInt()).isEqualTo(-32600);
            assertThat(unknown.get("message").asText())
                    .startsWith("Invalid request: unknown variant `thread/rollbackz`, expected one of ")
                    .contains("`thread/revert`");

            JsonNode missing = client.callError("turn/start", RpcClient.params().put("threadId", "x"));
            assertThat(missing.get("message").asText()).isEqualTo("Invalid request: missing field `input`");

            JsonNode mistyped = client.callError("turn/start", RpcClient.params().put("threadId", "x")
                    .put("input", "hello"));
            assertThat(mistyped.get("message").asText())
                    .isEqualTo("Invalid request: invalid type: string \"hello\", expected a sequence at `input`");

            JsonNode badId = client.callError("turn/start", RpcClient.text(RpcClient.params().put("threadId", "x"),
                    "hi"));
            assertThat(badId.get("message").asText()).startsWith("invalid thread id: `x` is not a UUID");

            String unknownThread = "01a20fca-0000-7000-8000-000000000000";
            JsonNode notFound = client.callError("turn/start", RpcClient.text(RpcClient.params()
                    .put("threadId", unknownThread), "hi"));
            assertThat(notFound.get("message").asText()).isEqualTo("thread not found: " + unknownThread);
            JsonNode noRollout = client.callError("thread/resume", RpcClient.params().put("threadId", unknownThread));
            assertThat(noRollout.get("message").asText()).isEqualTo("no rollout found for thread id "
                    + unknownThread);

            client.sendRaw("{\"id\": \"s-1\", \"method\": \"thread/list\", \"params\": {}}");
            JsonNode stringId = client.next(m -> m.path("id").isTextual() && m.get("id").asText().equals("s-1"));
            assertThat(stringId.get("result").get("data")).isEmpty();
        }
    }

    @Test
    void oversizedInputIsRefusedWithoutStartingATurn(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(false);
            String threadId = client.call("thread/start", RpcClient.params()).at("/thread/id").asText();
            JsonNode tooLarge = client.callError("turn/start", RpcClient.text(RpcClient.params()
                    .put("threadId", threadId), "x".repeat((1 << 20) + 1)));
            assertThat(tooLarge.get("code").asInt()).isEqualTo(-32602);
            assertThat(tooLarge.get("message").asText())
                    .isEqualTo("Input exceeds the maximum length of 1048576 characters.");
            assertThat(tooLarge.at("/data/input_error_code").asText()).isEqualTo("input_too_large");
            assertThat(tooLarge.at("/data/actual_chars").asLong()).isEqualTo((1 << 20) + 1);

            client.sendRaw("{\"id\": 99, \"method\": \"thread/list\", \"params\": {\"pad\": \""
                    + "y".repeat(AppServer.Settings.DEFAULT_MAX_MESSAGE_BYTES) + "\"}}");
            JsonNode tooLong = client.next(m -> m.has("error") && m.get("id").isNull());
            assertThat(tooLong.at("/error/message").asText()).contains("the limit is "
                    + AppServer.Settings.DEFAULT_MAX_MESSAGE_BYTES + " bytes");

            JsonNode read = client.call("thread/read", RpcClient.params().put("threadId", threadId)
                    .put("includeTurns", true));
            assertThat(read.at("/thread/turns")).isEmpty();
            assertThat(read.at("/thread/status/type").asText()).isEqualTo("idle");
            assertThat(client.methodsSeen()).doesNotContain("turn/started");
        }
    }
}
