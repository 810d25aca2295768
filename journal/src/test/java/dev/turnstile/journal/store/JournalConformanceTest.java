package dev.turnstile.journal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.session.SessionSnapshot;
import dev.turnstile.journal.record.JournalRecord;
import dev.turnstile.journal.record.RecordKind;
import dev.turnstile.journal.replay.ThreadRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's contract, in the spirit of Akka's JournalSpec: what goes in per thread comes back in order,
 * numbered without gaps, and the thread-level operations (rollback, resume) agree with what was journaled.
 */
class JournalConformanceTest {

    @Test
    void eachThreadsRecordsComeBackInOrderNumberedWithoutGapsWhileThreadsInterleave(@TempDir Path data)
            throws Exception {
        List<String> threads = new ArrayList<>();
        try (JournalHarness harness = new JournalHarness(data, 2)) {
            List<ThreadHandle> handles = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                handles.add(harness.startThread());
            }
            // Interleave: every thread takes a turn, round after round, on two shards.
            for (int round = 1; round <= 3; round++) {
                for (ThreadHandle thread : handles) {
                    harness.turn(thread, thread.threadId() + "-" + round, "round " + round);
                }
            }
            harness.drain();
            handles.forEach(h -> threads.add(h.threadId()));
        }
        try (JournalHarness reopened = new JournalHarness(data, 2)) {
            for (String thread : threads) {
                List<JournalRecord> records = ThreadRecords.read(reopened.journal, thread);
                assertThat(records.get(0).kind()).isEqualTo(RecordKind.THREAD_STARTED);
                assertThat(records.get(records.size() - 1).kind()).isEqualTo(RecordKind.THREAD_CLOSED);
                long expectedOrdinal = 0;
                long lastSequence = 0;
                List<Long> entrySequences = new ArrayList<>();
                for (JournalRecord record : records) {
                    assertThat(record.header().threadId().toString()).isEqualTo(thread);
                    assertThat(record.header().ordinal()).isEqualTo(expectedOrdinal++);
                    assertThat(record.header().entrySequence()).isGreaterThanOrEqualTo(lastSequence);
                    lastSequence = record.header().entrySequence();
                    if (record.kind() == RecordKind.ENTRY) {
                        entrySequences.add(record.header().entrySequence());
                    }
                }
                // Sequence 1 started the thread; every later entry is journaled, numbered without gaps.
                for (int i = 0; i < entrySequences.size(); i++) {
                    assertThat(entrySequences.get(i)).isEqualTo(i + 2L);
                }
                List<String> userTexts = ChronicleJournalTest.userTexts(reopened.journal.read(thread));
                assertThat(userTexts).containsExactly("round 1", "round 2", "round 3");
            }
        }
    }

    @Test
    void rollbackMarkersAccumulateAndAResumeAfterARestartReplaysThem(@TempDir Path data) throws Exception {
        // Spec §5.1 case 8 (thread_rollback_persists_marker_and_replays_cumulatively), across a restart.
        String threadId;
        try (JournalHarness harness = new JournalHarness(data, 1)) {
            ThreadHandle thread = harness.startThread();
            threadId = thread.threadId();
            harness.turn(thread, "1", "turn 1 user");
            harness.turn(thread, "2", "turn 2 user");
            harness.turn(thread, "3", "turn 3 user");
            for (int i = 0; i < 2; i++) {
                harness.host.submit(thread, new Submission("rb" + i, new Op.ThreadRollback(1)));
                harness.await("thread_rolled_back");
            }
        }
        try (JournalHarness reopened = new JournalHarness(data, 1)) {
            List<RolloutItem> items = reopened.journal.read(threadId);
            assertThat(items).filteredOn(i -> i instanceof RolloutItem.EventMsgLine line
                    && line.payload() instanceof EventMsg.ThreadRolledBack).hasSize(2);
            ThreadHandle thread = reopened.resume(threadId);
            SessionSnapshot state = reopened.host.inspectWithHistory(thread).get(30, TimeUnit.SECONDS);
            List<String> users = state.history().stream()
                    .filter(i -> i instanceof ResponseItem.Message m && m.role().equals("user")
                            && !m.joinedText().startsWith("<"))
                    .map(i -> ((ResponseItem.Message) i).joinedText()).toList();
            assertThat(users).containsExactly("turn 1 user");
        }
    }
}
