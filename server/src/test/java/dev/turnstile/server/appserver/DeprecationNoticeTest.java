package dev.turnstile.server.appserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As Codex 0.169: asking for a thread's whole history ({@code thread/read includeTurns}, {@code thread/resume} or
 * {@code thread/fork} without {@code excludeTurns}) is answered after a {@code deprecationNotice} that points at
 * {@code thread/turns/list}; asking without the history sends none.
 */
class DeprecationNoticeTest {

    private static long noticesIn(List<JsonNode> messages) {
        return messages.stream().filter(m -> "deprecationNotice".equals(m.path("method").asText())).count();
    }

    /** Sends a request and returns the messages that arrived up to and including its answer. */
    private static List<JsonNode> exchange(StdioClient client, String method, JsonNode params) {
        int before = client.seen.size();
        JsonNode answer = client.answerTo(client.send(method, params));
        assertThat(answer.has("error")).as("%s answered %s", method, answer).isFalse();
        return List.copyOf(client.seen.subList(before, client.seen.indexOf(answer) + 1));
    }

    @Test
    void fullHistoryRequestsAreAnsweredAfterANoticeAndOthersWithout(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(false);
            String thread = client.call("thread/start", RpcClient.params()).at("/thread/id").asText();
            client.call("turn/start", RpcClient.text(RpcClient.params().put("threadId", thread), "First"));
            client.notification("turn/completed");

            List<JsonNode> read = exchange(client, "thread/read",
                    RpcClient.params().put("threadId", thread).put("includeTurns", true));
            assertThat(noticesIn(read)).isEqualTo(1);
            JsonNode notice = read.stream().filter(m -> "deprecationNotice".equals(m.path("method").asText()))
                    .findFirst().orElseThrow();
            assertThat(notice.at("/params/summary").asText()).contains("`includeTurns`").contains("thread/turns/list");
            assertThat(notice.at("/params/details").isNull()).isTrue();
            if (CodexSchemas.available()) {
                assertThat(CodexSchemas.problems(notice, null)).isEmpty();
            }
            assertThat(noticesIn(exchange(client, "thread/read", RpcClient.params().put("threadId", thread))))
                    .isZero();

            List<JsonNode> fork = exchange(client, "thread/fork", RpcClient.params().put("threadId", thread));
            assertThat(noticesIn(fork)).isEqualTo(1);
            assertThat(noticesIn(exchange(client, "thread/fork",
                    RpcClient.params().put("threadId", thread).put("excludeTurns", true)))).isZero();

            var loaded = fixture.server.loaded(thread);
            client.call("thread/unsubscribe", RpcClient.params().put("threadId", thread));
            loaded.unloadedFuture().get(RpcClient.WAIT_SECONDS, TimeUnit.SECONDS);
            List<JsonNode> resume = exchange(client, "thread/resume", RpcClient.params().put("threadId", thread));
            assertThat(noticesIn(resume)).isEqualTo(1);
            assertThat(resume.stream().filter(m -> "deprecationNotice".equals(m.path("method").asText()))
                    .findFirst().orElseThrow().at("/params/summary").asText()).contains("`excludeTurns: true`");
            assertThat(noticesIn(exchange(client, "thread/resume",
                    RpcClient.params().put("threadId", thread).put("excludeTurns", true)))).isZero();
        }
    }
}
