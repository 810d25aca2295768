package dev.turnstile.journal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.journal.index.IndexFile;
import dev.turnstile.journal.index.ThreadEntry;
import dev.turnstile.journal.queue.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChronicleJournalTest {

    @Test
    void aThreadsTurnsAreJournaledAndIndexedAndSurviveReopening(@TempDir Path data) throws Exception {
        UUID id;
        try (JournalHarness harness = new JournalHarness(data, 2)) {
            ThreadHandle thread = harness.startThread();
            id = UUID.fromString(thread.threadId());
            harness.turn(thread, "1", "first");
            harness.turn(thread, "2", "second");
            harness.drain();
            ThreadEntry entry = harness.journal.index().find(id);
            assertThat(entry.turns()).isEqualTo(2);
            assertThat(entry.materialized()).isTrue();
        }
        try (ChronicleJournal reopened = ChronicleJournal.open(new JournalConfig(data, 2, Durability.OS, "test"),
                n -> { })) {
            assertThat(reopened.openedWith().rebuilt()).isFalse();
            assertThat(reopened.openedWith().recordsScanned()).isZero();
            ThreadEntry entry = reopened.index().find(id);
            assertThat(entry.turns()).isEqualTo(2);
            assertThat(entry.closed()).as("the host closed the thread's channel when it stopped").isTrue();
            List<RolloutItem> items = reopened.readRollout(id, entry.headShard(), entry.headIndex());
            assertThat(items.get(0)).isInstanceOf(RolloutItem.SessionMetaLine.class);
            assertThat(items).filteredOn(i -> i instanceof RolloutItem.EventMsgLine line
                    && line.payload() instanceof EventMsg.TurnComplete).hasSize(2);
            assertThat(userTexts(items)).containsExactly("first", "second");
        }
    }

    @Test
    void aLostIndexIsRebuiltFromTheQueuesToTheSameEntries(@TempDir Path data) throws Exception {
        UUID id;
        ThreadEntry.Snapshot before;
        try (JournalHarness harness = new JournalHarness(data, 2)) {
            ThreadHandle thread = harness.startThread();
            id = UUID.fromString(thread.threadId());
            harness.turn(thread, "1", "only");
        }
        try (ChronicleJournal journal = ChronicleJournal.open(new JournalConfig(data, 2, Durability.OS, "t"), n -> { })) {
            before = journal.index().find(id).snapshot();
        }
        Files.delete(IndexFile.path(data));
        long[] progress = {0};
        try (ChronicleJournal journal = ChronicleJournal.open(new JournalConfig(data, 2, Durability.OS, "t"),
                n -> progress[0] = n)) {
            assertThat(journal.openedWith().rebuilt()).isTrue();
            assertThat(journal.openedWith().recordsScanned()).isEqualTo(before.records());
            assertThat(progress[0]).isEqualTo(before.records());
            assertThat(journal.index().find(id).snapshot()).isEqualTo(before);
        }
    }

    static List<String> userTexts(List<RolloutItem> items) {
        return items.stream().filter(RolloutItem.ResponseItemLine.class::isInstance)
                .map(i -> ((RolloutItem.ResponseItemLine) i).payload())
                .filter(i -> i instanceof ResponseItem.Message m && m.role().equals("user")
                        && !m.joinedText().startsWith("<"))
                .map(i -> ((ResponseItem.Message) i).joinedText()).toList();
    }
}
