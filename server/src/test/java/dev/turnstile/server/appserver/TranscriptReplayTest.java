package dev.turnstile.server.appserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.server.appserver.rpc.MessageCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: the client side of the transcripts recorded from Codex 0.169
 * ({@code shared/fixtures/codex-0.169/appserver-transcript*.jsonl}) replayed against the app-server over stdio; every
 * response, notification and server request it sends must validate against the JSON schemas recorded from the same
 * Codex. Ids that Codex made (threads, turns, approval requests) are mapped to the ones this server makes as the
 * answers come in; each client message waits for the turns that had completed before it in the recording.
 */
class TranscriptReplayTest {
    private static final Path FIXTURES = Path.of("..", "..", "shared", "fixtures", "codex-0.169");

    @Test
    void theRecordedCodexTranscriptsGetAnswersThatMatchTheCodexSchemas(@TempDir Path data) throws Exception {
        assumeTrue(CodexSchemas.available(), "the Codex fixtures are not next to this checkout");
        Replay replay = new Replay();
        try (ServerFixture fixture = new ServerFixture(data)) {
            try (StdioClient client = new StdioClient(fixture.server)) {
                replay.run(client, FIXTURES.resolve("appserver-transcript.jsonl"));
            }
            try (StdioClient client = new StdioClient(fixture.server)) {
                replay.run(client, FIXTURES.resolve("appserver-transcript-edgecases.jsonl"));
            }
        }
        // A second process on the same data: the main thread is resumed from the journal.
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            replay.run(client, FIXTURES.resolve("appserver-transcript-cold-resume.jsonl"));
            assertThat(client.seen.stream().filter(m -> m.path("id").asLong(-1) == 2 && m.has("result")).findFirst()
                    .orElseThrow().at("/result/thread/turns").size()).isGreaterThanOrEqualTo(1);
        }
        assertThat(replay.problems).isEmpty();
        assertThat(replay.checked).isGreaterThan(100);
        assertThat(replay.methodsAnswered).contains("thread/start", "turn/start", "thread/revert", "thread/read",
                "thread/resume", "thread/list", "turn/steer", "turn/interrupt", "thread/turns/list",
                "thread/unsubscribe", "thread/archive");
    }

    /** Replays transcripts, keeping the id mapping across them (the cold resume names the first thread). */
    private static final class Replay {
        final Map<String, String> ids = new HashMap<>();
        final List<String> problems = new ArrayList<>();
        final List<String> methodsAnswered = new ArrayList<>();
        int checked;

        void run(StdioClient client, Path transcript) throws Exception {
            List<JsonNode> records = new ArrayList<>();
            for (String line : Files.readAllLines(transcript)) {
                if (!line.isBlank()) {
                    records.add(MessageCodec.JSON.readTree(line));
                }
            }
            Map<Long, JsonNode> recordedAnswers = new HashMap<>();
            for (JsonNode record : records) {
                JsonNode msg = record.get("msg");
                if (record.get("dir").asText().equals("server->client") && !msg.has("method") && msg.has("id")) {
                    recordedAnswers.put(msg.get("id").asLong(), msg);
                }
            }
            Map<Long, String> methodOf = new HashMap<>();
            List<String> recordedCompletions = new ArrayList<>();
            for (JsonNode record : records) {
                JsonNode msg = record.get("msg");
                if (record.get("dir").asText().equals("server->client")) {
                    if ("turn/completed".equals(msg.path("method").asText())) {
                        recordedCompletions.add(msg.at("/params/threadId").asText());
                    }
                    continue;
                }
                // Wait for the turns that had completed here in the recording, on threads this server has too
                // (turns on a fork are not run: thread/fork is not supported yet).
                client.awaitCount("turn/completed", recordedCompletions.stream().filter(ids::containsKey).count());
                String text = substitute(msg.toString());
                if (msg.has("method") && msg.has("id")) {
                    long id = msg.get("id").asLong();
                    methodOf.put(id, msg.get("method").asText());
                    client.sendRaw(text);
                    JsonNode ours = client.answerTo(id);
                    methodsAnswered.add(msg.get("method").asText());
                    JsonNode recorded = recordedAnswers.get(id);
                    if (recorded != null && recorded.has("result") && ours.has("result")) {
                        map(recorded.get("result"), ours.get("result"));
                    }
                } else if (msg.has("method")) {
                    client.sendRaw(text);
                } else {
                    // The client's answer to a server request (an approval): answer ours with the same decision.
                    JsonNode request = client.next(m -> m.has("method") && m.has("id"));
                    client.sendRaw("{\"id\":" + request.get("id") + ",\"result\":" + msg.get("result") + "}");
                }
            }
            client.close();
            JsonNode rest;
            while ((rest = client.inbox.poll()) != null) {
                client.seen.add(rest);
            }
            for (JsonNode message : client.seen) {
                String method = message.has("method") ? null : methodOf.get(message.path("id").asLong(-1));
                for (String problem : CodexSchemas.problems(message, method)) {
                    problems.add(transcript.getFileName() + ": " + message + " -> " + problem);
                }
                checked++;
            }
        }

        private String substitute(String text) {
            for (Map.Entry<String, String> entry : ids.entrySet()) {
                text = text.replace(entry.getKey(), entry.getValue());
            }
            return text;
        }

        private void map(JsonNode recorded, JsonNode ours) {
            mapText(recorded.at("/thread/id"), ours.at("/thread/id"));
            mapText(recorded.at("/turn/id"), ours.at("/turn/id"));
            mapText(recorded.at("/turnId"), ours.at("/turnId"));
        }

        private void mapText(JsonNode recorded, JsonNode ours) {
            if (recorded.isTextual() && ours.isTextual() && !ids.containsKey(recorded.asText())) {
                ids.put(recorded.asText(), ours.asText());
            }
        }
    }
}
