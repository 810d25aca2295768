package dev.turnstile.journal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ThreadMemoryMode;
import dev.turnstile.core.session.Command;
import dev.turnstile.core.session.CommandCodec;
import dev.turnstile.journal.record.JournalRecord;
import dev.turnstile.journal.record.RecordKind;
import dev.turnstile.journal.replay.ThreadRecords;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submission handed to the host as an object is encoded on the caller's thread; the journal entry holds the same
 * bytes the dispatch thread would have written, and replays to the same submission.
 */
class EntryEncodingTest {

    @Test
    void anEmbeddedSubmissionIsJournaledAsTheDispatchThreadWouldEncodeIt(@TempDir Path data) throws Exception {
        Submission memory = new Submission("m1", new Op.SetThreadMemoryMode(ThreadMemoryMode.DISABLED));
        Submission input = new Submission("u1", Op.UserInput.text("hello \"quoted\" ✓"));
        String threadId;
        try (JournalHarness harness = new JournalHarness(data, 1)) {
            ThreadHandle thread = harness.startThread();
            harness.host.submit(thread, memory);
            harness.turn(thread, input.id(), "hello \"quoted\" ✓");
            harness.drain();
            threadId = thread.threadId();
        }
        try (JournalHarness reopened = new JournalHarness(data, 1)) {
            List<byte[]> entries = ThreadRecords.read(reopened.journal, threadId).stream()
                    .filter(record -> record.kind() == RecordKind.ENTRY).map(JournalRecord::payload).toList();
            assertThat(entries).anySatisfy(entry -> assertThat(entry)
                    .isEqualTo(CommandCodec.shared().toBytes(new Command.Client(memory))));
            assertThat(entries).anySatisfy(entry -> assertThat(entry)
                    .isEqualTo(CommandCodec.shared().toBytes(new Command.Client(input))));
            assertThat(entries).anySatisfy(entry -> assertThat(CommandCodec.shared().read(entry))
                    .isEqualTo(new Command.Client(input)));
        }
    }
}
