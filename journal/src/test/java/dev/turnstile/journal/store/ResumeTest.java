package dev.turnstile.journal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.core.host.ThreadNotFoundException;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.policy.TurnAbortReason;
import dev.turnstile.core.turn.model.ModelRequest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec §2.11, issue 3 "Resume": a thread continues after a restart from what its journal holds. */
class ResumeTest {

    @Test
    void aThreadResumedAfterARestartContinuesWithItsHistoryAndSettings(@TempDir Path data) throws Exception {
        String threadId;
        RecordingModel model = new RecordingModel();
        ModelRequest lastBefore;
        try (JournalHarness first = new JournalHarness(data, 2, model)) {
            ThreadHandle thread = first.startThread();
            threadId = thread.threadId();
            first.turn(thread, "1", "first question");
            first.turn(thread, "2", "second question");
            model.requests.poll();
            lastBefore = model.requests.poll();
        }
        RecordingModel after = new RecordingModel();
        try (JournalHarness second = new JournalHarness(data, 2, after)) {
            ThreadHandle thread = second.resume(threadId);
            second.turn(thread, "3", "third question");
            ModelRequest request = after.requests.poll(30, TimeUnit.SECONDS);
            // The history goes on where it was: two turns' items (initial context, u1, a1, u2, a2) plus u3.
            assertThat(request.historyItems()).isEqualTo(lastBefore.historyItems() + 2);
            assertThat(request.lastUserText()).isEqualTo("third question");
            assertThat(request.model()).isEqualTo(lastBefore.model());
            // The thread's numbering continued: the index knows all three turns.
            second.drain();
            assertThat(second.journal.index().find(threadId).turns()).isEqualTo(3);
        }
    }

    @Test
    void aTurnRunningWhenTheProcessDiedIsResumedAsInterrupted(@TempDir Path data) throws Exception {
        String threadId;
        RecordingModel model = new RecordingModel();
        JournalHarness first = new JournalHarness(data, 1, model);
        ThreadHandle thread = first.startThread();
        threadId = thread.threadId();
        first.turn(thread, "1", "done turn");
        model.hangFromNowOn();
        first.host.submit(thread, new dev.turnstile.core.protocol.Submission("2",
                dev.turnstile.core.protocol.op.Op.UserInput.text("never answered")));
        model.requests.poll(30, TimeUnit.SECONDS);
        model.requests.poll(30, TimeUnit.SECONDS);
        first.crash();

        try (JournalHarness second = new JournalHarness(data, 1, new RecordingModel())) {
            second.resume(threadId);
            Event aborted = second.await("turn_aborted");
            assertThat(aborted.msg()).isInstanceOfSatisfying(EventMsg.TurnAborted.class, a -> {
                assertThat(a.turnId()).isEqualTo("2");
                assertThat(a.reason()).isEqualTo(TurnAbortReason.INTERRUPTED);
            });
        }
        // Recorded, so the next resume does not see an unfinished turn again.
        try (JournalHarness third = new JournalHarness(data, 1, new RecordingModel())) {
            third.resume(threadId);
            third.turn(third.host.find(threadId), "3", "after");
            assertThat(third.events).noneMatch(e -> e.msg() instanceof EventMsg.TurnAborted);
        }
    }

    @Test
    void resumingAnUnknownOrUnmaterializedThreadSaysNoRolloutFound(@TempDir Path data) throws Exception {
        try (JournalHarness harness = new JournalHarness(data, 1)) {
            ThreadHandle idle = harness.startThread();
            harness.drain();
            assertThatThrownBy(() -> harness.host.resumeThread("01a21014-0000-7000-8000-000000000000", null))
                    .isInstanceOf(ThreadNotFoundException.class)
                    .hasMessage("no rollout found for thread id 01a21014-0000-7000-8000-000000000000");
            // Spec §5.4 case 62: a thread with no user turn yet has no rollout to resume.
            harness.host.closeChannel(idle);
            harness.drain();
            assertThatThrownBy(() -> harness.host.resumeThread(idle.threadId(), null))
                    .hasMessageContaining("no rollout found for thread id");
        }
    }
}
