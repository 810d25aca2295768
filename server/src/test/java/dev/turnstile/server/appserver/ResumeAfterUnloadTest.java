package dev.turnstile.server.appserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A thread nobody follows is unloaded; thread/resume loads it again from the journal with its turns. */
class ResumeAfterUnloadTest {

    @Test
    void anUnsubscribedThreadIsUnloadedAndResumedFromTheJournal(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(false);
            String thread = client.call("thread/start", RpcClient.params()).at("/thread/id").asText();
            client.call("turn/start", RpcClient.text(RpcClient.params().put("threadId", thread), "First"));
            client.notification("turn/completed");
            var loaded = fixture.server.loaded(thread);
            assertThat(client.call("thread/unsubscribe", RpcClient.params().put("threadId", thread))
                    .get("status").asText()).isEqualTo("unsubscribed");
            loaded.unloadedFuture().get(RpcClient.WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(client.call("thread/read", RpcClient.params().put("threadId", thread))
                    .at("/thread/status/type").asText()).isEqualTo("notLoaded");
            JsonNode resumed = client.call("thread/resume", RpcClient.params().put("threadId", thread));
            assertThat(resumed.at("/thread/turns/0/items/0/content/0/text").asText()).isEqualTo("First");
            assertThat(resumed.at("/thread/status/type").asText()).isEqualTo("idle");
        }
    }
}
