package dev.turnstile.journal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.journal.index.ThreadEntry;
import dev.turnstile.journal.queue.Durability;
import dev.turnstile.journal.queue.ShardJournal;
import dev.turnstile.journal.record.RecordKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3 "Fork": a damaged parent gives a clear error, never a partial fork. */
class DamagedParentForkTest {

    @Test
    void aParentWhoseCheckpointCannotBeReadFailsTheForkAndNoChildExists(@TempDir Path data) throws Exception {
        String parentId;
        try (JournalHarness harness = new JournalHarness(data, 1)) {
            ThreadHandle parent = harness.startThread();
            parentId = parent.threadId();
            harness.turn(parent, "t1", "one");
        }
        // Damage: the parent's newest checkpoint becomes a record whose payload is not a checkpoint.
        ThreadEntry entry;
        try (ChronicleJournal reading = ChronicleJournal.open(new JournalConfig(data, 1, Durability.OS, "t"),
                n -> { })) {
            entry = reading.index().find(parentId);
        }
        try (ShardJournal shard = ShardJournal.open(data.resolve("journal/shard-0"), 0, Durability.OS)) {
            UUID id = UUID.fromString(parentId);
            shard.append(RecordKind.CHECKPOINT, id.getMostSignificantBits(), id.getLeastSignificantBits(),
                    entry.records(), entry.lastEntrySequence(), entry.lastActivityMillis(), entry.headIndex(), -1,
                    out -> out.write("{\"not\":\"a checkpoint\"".getBytes(StandardCharsets.UTF_8)));
        }
        try (JournalHarness harness = new JournalHarness(data, 1)) {
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            ThreadHandle child = harness.host.forkThread(parentId, null, null, (id, n, e) -> events.add(e));
            Event answer = events.poll(30, TimeUnit.SECONDS);
            assertThat(answer.msg()).isInstanceOfSatisfying(EventMsg.Error.class, error -> assertThat(error.message())
                    .startsWith("cannot fork thread " + parentId + ": ").contains("checkpoint"));
            harness.drain();
            assertThat(harness.host.find(child.threadId())).isNull();
            assertThat(harness.journal.index().find(child.threadId())).as("nothing of the child was written")
                    .isNull();
        }
    }
}
