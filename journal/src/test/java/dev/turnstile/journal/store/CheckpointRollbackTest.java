package dev.turnstile.journal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.session.SessionSnapshot;
import dev.turnstile.core.session.history.RolloutReconstruction;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollback by checkpoint (the bounded path) must leave exactly the state spec §2.7's rebuild of the whole
 * rollout gives, including around standalone (non-user) turns, live and after a restart.
 */
class CheckpointRollbackTest {

    private static void assertMatchesRebuild(JournalHarness harness, ThreadHandle thread) throws Exception {
        harness.drain();
        SessionSnapshot live = harness.host.inspectWithHistory(thread).get(30, TimeUnit.SECONDS);
        RolloutReconstruction.Result rebuilt = RolloutReconstruction.reconstruct(
                harness.journal.read(thread.threadId()));
        assertThat(live.history()).isEqualTo(rebuilt.history());
        assertThat(live.referenceContext()).isEqualTo(rebuilt.referenceContext());
    }

    @Test
    void aRollbackByCheckpointEqualsTheRebuildOfTheWholeRollout(@TempDir Path data) throws Exception {
        String threadId;
        try (JournalHarness harness = new JournalHarness(data, 1)) {
            ThreadHandle thread = harness.startThread();
            threadId = thread.threadId();
            harness.turn(thread, "1", "first");
            harness.host.submit(thread, new Submission("sh", new Op.RunUserShellCommand("printf standalone")));
            harness.await("task_complete");
            harness.turn(thread, "2", "second");
            harness.turn(thread, "3", "third");
            harness.host.submit(thread, new Submission("rb", new Op.ThreadRollback(2)));
            harness.await("thread_rolled_back");
            assertMatchesRebuild(harness, thread);
            harness.turn(thread, "4", "fourth");
            harness.host.submit(thread, new Submission("rb2", new Op.ThreadRollback(1)));
            harness.await("thread_rolled_back");
            assertMatchesRebuild(harness, thread);
        }
        try (JournalHarness restarted = new JournalHarness(data, 1)) {
            ThreadHandle thread = restarted.resume(threadId);
            restarted.turn(thread, "5", "fifth");
            restarted.host.submit(thread, new Submission("rb3", new Op.ThreadRollback(1)));
            restarted.await("thread_rolled_back");
            assertMatchesRebuild(restarted, thread);
            restarted.host.submit(thread, new Submission("rb4", new Op.ThreadRollback(1)));
            restarted.await("thread_rolled_back");
            assertMatchesRebuild(restarted, thread);
        }
    }
}
