package dev.turnstile.journal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.turn.model.ModelRequest;
import dev.turnstile.journal.codex.CodexImport;
import dev.turnstile.journal.queue.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3 item 7: a real Codex rollout, once imported, resumes, takes turns and rolls back. */
class ImportedThreadTest {

    static Path fixture(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/codex-0.169/rollouts").resolve(name);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("fixture " + name + " not found");
    }

    @Test
    void anImportedCodexThreadResumesTakesATurnAndRollsBack(@TempDir Path data) throws Exception {
        String threadId;
        try (ChronicleJournal journal = ChronicleJournal.open(new JournalConfig(data, 1, Durability.OS, "import"),
                n -> { })) {
            threadId = CodexImport.importFile(journal, fixture("exec-2turns-hello.rollout.jsonl"), 0).threadId();
        }
        RecordingModel model = new RecordingModel();
        try (JournalHarness harness = new JournalHarness(data, 1, model)) {
            ThreadHandle thread = harness.resume(threadId);
            // Codex's two turns are the history the next turn builds on.
            harness.turn(thread, "t3", "and a third time");
            ModelRequest request = model.requests.poll(30, TimeUnit.SECONDS);
            assertThat(request.lastUserText()).isEqualTo("and a third time");
            assertThat(request.model()).as("from the imported turn context").isEqualTo("mock-model");
            int itemsWithThirdTurn = request.historyItems();

            harness.host.submit(thread, new Submission("rb", new Op.ThreadRollback(2)));
            Event tokens = harness.await("token_count");
            Event rolledBack = harness.await("thread_rolled_back");
            assertThat(rolledBack.id()).isEqualTo("rb");
            assertThat(tokens.msg()).isInstanceOf(EventMsg.TokenCount.class);

            harness.turn(thread, "t4", "after rolling back");
            ModelRequest after = model.requests.poll(30, TimeUnit.SECONDS);
            // Turns 2 and 3 are gone (each had a user message and a reply): four items fewer, plus the new message.
            assertThat(after.historyItems()).isLessThan(itemsWithThirdTurn);
            assertThat(after.lastUserText()).isEqualTo("after rolling back");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"exec-2turns-hello.rollout.jsonl",
        "exec-shell-tool-call.rollout.jsonl", "appserver-thread-segment0.rollout.jsonl",
        "appserver-after-full-revert-segment.rollout.jsonl"})
    void everyRealRolloutImportsResumesRollsBackAndExports(String name, @TempDir Path data) throws Exception {
        Path file = fixture(name);
        String threadId;
        try (ChronicleJournal journal = ChronicleJournal.open(new JournalConfig(data, 1, Durability.OS, "import"),
                n -> { })) {
            threadId = CodexImport.importFile(journal, file, 0).threadId();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            dev.turnstile.journal.replay.CodexExport.write(journal, threadId, out);
            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList())
                    .isEqualTo(Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList());
        }
        try (JournalHarness harness = new JournalHarness(data, 1, new RecordingModel())) {
            ThreadHandle thread = harness.resume(threadId);
            harness.turn(thread, "next", "one more turn");
            harness.host.submit(thread, new Submission("rb", new Op.ThreadRollback(1)));
            assertThat(harness.await("thread_rolled_back").id()).isEqualTo("rb");
        }
    }
}
