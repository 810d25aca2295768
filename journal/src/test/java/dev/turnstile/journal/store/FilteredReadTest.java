package dev.turnstile.journal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.session.rollout.RolloutFilter;
import dev.turnstile.core.session.rollout.SelectedRollout;
import dev.turnstile.journal.codex.CodexImport;
import dev.turnstile.journal.queue.Durability;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filtered read of a thread is the whole read filtered: the same items, at their positions in the whole rollout,
 * whether the journal wrote the lines itself (tags peeked) or imported them from Codex.
 */
class FilteredReadTest {
    private static final RolloutFilter TURN_EVENTS = RolloutFilter.events(EventMsg.TurnStarted.class,
            EventMsg.TurnComplete.class, EventMsg.UserMessage.class, EventMsg.AgentMessage.class,
            EventMsg.ThreadRolledBack.class);

    private static void assertEqualsFilteredWholeRead(ChronicleJournal journal, String threadId, RolloutFilter filter) {
        List<RolloutItem> all = journal.read(threadId);
        SelectedRollout expected = SelectedRollout.select(all, filter);
        SelectedRollout read = journal.read(threadId, filter);
        assertThat(read.items()).isEqualTo(expected.items());
        assertThat(read.positions()).containsExactly(expected.positions());
        assertThat(read.total()).isEqualTo(all.size());
    }

    @Test
    void aJournaledThreadReadsOnlyTheWantedLinesAtTheirPositions(@TempDir Path data) throws Exception {
        try (JournalHarness harness = new JournalHarness(data, 2)) {
            ThreadHandle thread = harness.startThread();
            for (int i = 0; i < 5; i++) {
                harness.turn(thread, "u" + i, "turn " + i);
            }
            harness.drain();
            String id = thread.threadId();
            assertEqualsFilteredWholeRead(harness.journal, id, TURN_EVENTS);
            assertEqualsFilteredWholeRead(harness.journal, id, RolloutFilter.ALL);
            assertEqualsFilteredWholeRead(harness.journal, id, (line, payload) -> false);
            SelectedRollout turns = harness.journal.read(id, TURN_EVENTS);
            assertThat(turns.items()).hasSizeGreaterThanOrEqualTo(5 * 4)
                    .allSatisfy(item -> assertThat(item).isInstanceOf(RolloutItem.EventMsgLine.class));
            assertThat(turns.total()).isGreaterThan(turns.items().size());
        }
    }

    @Test
    void importedCodexThreadsReadTheSameFiltered(@TempDir Path data) throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(new JournalConfig(data, 1, Durability.OS, "test"),
                n -> { })) {
            for (String name : List.of("exec-2turns-hello.rollout.jsonl", "exec-shell-tool-call.rollout.jsonl")) {
                String id = CodexImport.importFile(journal, ImportedThreadTest.fixture(name), 0).threadId();
                assertEqualsFilteredWholeRead(journal, id, TURN_EVENTS);
                assertEqualsFilteredWholeRead(journal, id, RolloutFilter.events(EventMsg.ItemCompleted.class,
                        EventMsg.TokenCount.class));
            }
        }
    }

    @Test
    void aThreadTheJournalDoesNotHaveReadsAsNull(@TempDir Path data) throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(new JournalConfig(data, 1, Durability.OS, "test"),
                n -> { })) {
            assertThat(journal.read("01a20fca-6c17-7851-a5b0-f3afc4efe301", RolloutFilter.ALL)).isNull();
        }
    }
}
