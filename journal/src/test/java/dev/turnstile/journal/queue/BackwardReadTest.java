package dev.turnstile.journal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.journal.record.CorruptRecordException;
import dev.turnstile.journal.record.JournalRecord;
import dev.turnstile.journal.record.RecordKind;
import dev.turnstile.journal.record.RecordLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walking a thread's chain backwards with {@link ShardReader#readBackward} returns exactly the records a random
 * read returns, across index stretches, interleaved with other threads, whatever thread the walk expects.
 */
class BackwardReadTest {
    private static final UUID A = UUID.fromString("01a20fc9-6397-7392-a885-f3235ef3cfcc");
    private static final UUID B = UUID.fromString("01a20fca-6c17-7851-a5b0-f3afc4efe301");

    /** Writes 700 records (several index stretches), threads A and B interleaved irregularly; returns A's indices. */
    private static List<Long> writeInterleaved(ShardJournal journal) throws java.io.IOException {
        List<Long> chainOfA = new ArrayList<>();
        long previousA = RecordLayout.NO_PREVIOUS;
        long previousB = RecordLayout.NO_PREVIOUS;
        for (int i = 0; i < 700; i++) {
            boolean isA = i % 3 != 1 || i % 7 == 0;
            UUID thread = isA ? A : B;
            String payload = (isA ? "a" : "b") + i;
            long index = journal.append(RecordKind.ROLLOUT, thread.getMostSignificantBits(),
                    thread.getLeastSignificantBits(), i, i, i, isA ? previousA : previousB, RecordLayout.SAME_SHARD,
                    out -> out.write(payload.getBytes(StandardCharsets.UTF_8)));
            if (isA) {
                previousA = index;
                chainOfA.add(index);
            } else {
                previousB = index;
            }
        }
        journal.flush();
        return chainOfA;
    }

    @Test
    void aBackwardWalkReadsTheSameRecordsAsRandomReads(@TempDir Path dir) throws Exception {
        try (ShardJournal journal = ShardJournal.open(dir, 0, Durability.OS);
             ShardReader walker = journal.openReader();
             ShardReader random = journal.openReader()) {
            List<Long> chain = writeInterleaved(journal);
            long index = chain.getLast();
            UUID expected = null;
            int visited = 0;
            while (index != RecordLayout.NO_PREVIOUS) {
                JournalRecord record = walker.readBackward(index, expected);
                JournalRecord direct = random.read(index);
                assertThat(record.header()).isEqualTo(direct.header());
                assertThat(record.payloadText()).isEqualTo(direct.payloadText()).startsWith("a");
                expected = record.header().threadId();
                index = record.header().previousIndex();
                visited++;
            }
            assertThat(visited).isEqualTo(chain.size());
            assertThat(walker.recordsRead()).as("counts the records handed out, not those read ahead")
                    .isEqualTo(chain.size());
        }
    }

    @Test
    void aWrongOrMissingExpectationStillReadsTheRightRecord(@TempDir Path dir) throws Exception {
        try (ShardJournal journal = ShardJournal.open(dir, 0, Durability.OS);
             ShardReader reader = journal.openReader()) {
            List<Long> chain = writeInterleaved(journal);
            for (int i = chain.size() - 1; i >= 0; i -= 37) {
                assertThat(reader.readBackward(chain.get(i), B).header().threadId()).isEqualTo(A);
                assertThat(reader.readBackward(chain.get(i), null).header().threadId()).isEqualTo(A);
            }
        }
    }

    @Test
    void anIndexWithNoRecordIsReportedAsCorrupt(@TempDir Path dir) throws Exception {
        try (ShardJournal journal = ShardJournal.open(dir, 0, Durability.OS);
             ShardReader reader = journal.openReader()) {
            List<Long> chain = writeInterleaved(journal);
            assertThatThrownBy(() -> reader.readBackward(chain.getLast() + 10_000, A))
                    .isInstanceOf(CorruptRecordException.class)
                    .hasMessageContaining("has no record at index");
        }
    }
}
