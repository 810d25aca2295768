package dev.turnstile.journal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.op.Op;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3 acceptance: the resume, rollback and fork paths read a number of journal records that does not depend
 * on the thread's length (counted, not timed): a thread of 10 turns and one of 300 cost the same reads.
 */
class BoundedReadsTest {

    /** Records read by each operation on a thread of the given length, after a restart. */
    record Cost(long resume, long rollback, long fork) {
    }

    private static Cost measure(Path data, int turns) throws Exception {
        String threadId;
        try (JournalHarness first = new JournalHarness(data, 2)) {
            ThreadHandle thread = first.startThread();
            threadId = thread.threadId();
            for (int turn = 1; turn <= turns; turn++) {
                first.turn(thread, "t" + turn, "message " + turn);
            }
        }
        try (JournalHarness second = new JournalHarness(data, 2)) {
            second.drain();
            long before = second.journal.recordsRead();
            ThreadHandle thread = second.resume(threadId);
            second.drain();
            long resume = second.journal.recordsRead() - before;

            before = second.journal.recordsRead();
            second.host.submit(thread, new Submission("rb", new Op.ThreadRollback(1)));
            second.await("thread_rolled_back");
            second.drain();
            long rollback = second.journal.recordsRead() - before;

            before = second.journal.recordsRead();
            BlockingQueue<Event> childEvents = new LinkedBlockingQueue<>();
            second.host.forkThread(threadId, "t" + (turns - 2), null, (id, n, e) -> childEvents.add(e));
            while (!childEvents.take().msg().type().equals("session_configured")) {
                // wait for the child
            }
            second.drain();
            long fork = second.journal.recordsRead() - before;
            return new Cost(resume, rollback, fork);
        }
    }

    @Test
    void resumeRollbackAndForkReadTheSameFewRecordsForShortAndLongThreads(@TempDir Path data) throws Exception {
        Cost shortThread = measure(data.resolve("short"), 10);
        Cost longThread = measure(data.resolve("long"), 300);
        assertThat(longThread).isEqualTo(shortThread);
        assertThat(longThread.resume()).isLessThanOrEqualTo(8);
        assertThat(longThread.rollback()).isLessThanOrEqualTo(8);
        assertThat(longThread.fork()).isLessThanOrEqualTo(8);
    }
}
