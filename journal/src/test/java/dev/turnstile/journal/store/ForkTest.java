package dev.turnstile.journal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.core.host.ThreadNotFoundException;
import dev.turnstile.core.pipeline.EventSubscriber;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.turn.model.ModelRequest;
import dev.turnstile.journal.index.ThreadEntry;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3 "Fork": copy-on-write forks from the head or from a turn. */
class ForkTest {

    private static Event await(BlockingQueue<Event> events, String type) throws InterruptedException {
        while (true) {
            Event event = events.poll(30, TimeUnit.SECONDS);
            assertThat(event).as("a " + type + " event").isNotNull();
            if (event.msg().type().equals(type)) {
                return event;
            }
        }
    }

    @Test
    void aForkFromATurnKeepsTheParentsHistoryUpToItAndWritesLittle(@TempDir Path data) throws Exception {
        RecordingModel model = new RecordingModel();
        try (JournalHarness harness = new JournalHarness(data, 2, model)) {
            ThreadHandle parent = harness.startThread();
            harness.turn(parent, "t1", "one");
            harness.turn(parent, "t2", "two");
            harness.turn(parent, "t3", "three");
            ModelRequest afterTwo = null;
            for (int i = 0; i < 2; i++) {
                afterTwo = model.requests.poll();
            }
            model.requests.poll();
            harness.drain();
            long parentRecords = harness.journal.index().find(parent.threadId()).records();

            BlockingQueue<Event> childEvents = new LinkedBlockingQueue<>();
            EventSubscriber subscriber = (id, n, e) -> childEvents.add(e);
            ThreadHandle child = harness.host.forkThread(parent.threadId(), "t2", null, subscriber);
            EventMsg.SessionConfigured configured = (EventMsg.SessionConfigured) await(childEvents,
                    "session_configured").msg();
            assertThat(configured.forkedFromId()).isEqualTo(parent.threadId());
            harness.drain();

            ThreadEntry childEntry = harness.journal.index().find(child.threadId());
            assertThat(childEntry.forkedFromId()).isEqualTo(parent.threadId());
            assertThat(childEntry.records()).as("fork record, session meta").isEqualTo(2);
            assertThat(childEntry.payloadBytes()).as("issue 6 target: a fork writes at most 1 KB").isLessThanOrEqualTo(1024);

            // The child's next turn sees turns 1 and 2 and its own input, not turn 3.
            harness.host.submit(child, new dev.turnstile.core.protocol.Submission("c1",
                    dev.turnstile.core.protocol.op.Op.UserInput.text("child question")));
            ModelRequest childRequest = model.requests.poll(30, TimeUnit.SECONDS);
            assertThat(childRequest.historyItems()).isEqualTo(afterTwo.historyItems() + 2);
            await(childEvents, "task_complete");
            harness.drain();
            assertThat(harness.journal.index().find(parent.threadId()).records()).as("the parent is untouched")
                    .isEqualTo(parentRecords);
            assertThat(harness.journal.index().find(child.threadId()).turns()).isEqualTo(1);
        }
    }

    @Test
    void aForkWritesTheSameFewBytesWhateverTheParentsLength(@TempDir Path data) throws Exception {
        try (JournalHarness harness = new JournalHarness(data, 1)) {
            ThreadHandle small = harness.startThread();
            harness.turn(small, "s1", "one");
            ThreadHandle large = harness.startThread();
            for (int turn = 1; turn <= 40; turn++) {
                harness.turn(large, "l" + turn, "turn number " + turn);
            }
            harness.drain();
            long smallFork = forkBytes(harness, small.threadId());
            long largeFork = forkBytes(harness, large.threadId());
            assertThat(harness.journal.index().find(large.threadId()).payloadBytes())
                    .isGreaterThan(20 * harness.journal.index().find(small.threadId()).payloadBytes() / 2);
            assertThat(Math.abs(largeFork - smallFork)).as("fork of a 40-turn thread vs a 1-turn thread")
                    .isLessThan(64);
        }
    }

    private static long forkBytes(JournalHarness harness, String parent) throws InterruptedException {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ThreadHandle child = harness.host.forkThread(parent, null, null, (id, n, e) -> events.add(e));
        await(events, "session_configured");
        harness.drain();
        return harness.journal.index().find(child.threadId()).payloadBytes();
    }

    @Test
    void forkingFromAnUnknownTurnOrThreadFailsCleanly(@TempDir Path data) throws Exception {
        try (JournalHarness harness = new JournalHarness(data, 1)) {
            ThreadHandle parent = harness.startThread();
            harness.turn(parent, "t1", "one");
            BlockingQueue<Event> childEvents = new LinkedBlockingQueue<>();
            ThreadHandle child = harness.host.forkThread(parent.threadId(), "no-such-turn", null,
                    (id, n, e) -> childEvents.add(e));
            Event error = await(childEvents, "error");
            assertThat(((EventMsg.Error) error.msg()).message()).contains("turn not found: no-such-turn");
            harness.drain();
            assertThat(harness.host.find(child.threadId())).as("no child thread exists").isNull();
            assertThat(harness.journal.index().find(child.threadId())).isNull();
            assertThatThrownBy(() -> harness.host.forkThread("01a21014-0000-7000-8000-00000000beef", null, null, null))
                    .isInstanceOf(ThreadNotFoundException.class);
        }
    }

    @Test
    void aForkWithSettingsOfItsOwnKeepsThemAcrossARestart(@TempDir Path data) throws Exception {
        String childId;
        try (JournalHarness harness = new JournalHarness(data, 1)) {
            ThreadHandle parent = harness.startThread();
            harness.turn(parent, "t1", "one");
            harness.drain();
            var own = harness.host.defaultConfiguration("/elsewhere");
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            ThreadHandle child = harness.host.forkThread(parent.threadId(), null, own, (id, n, e) -> events.add(e));
            await(events, "session_configured");
            childId = child.threadId();
            assertThat(harness.host.inspect(child).get(30, TimeUnit.SECONDS).configuration().cwd())
                    .isEqualTo("/elsewhere");
        }
        try (JournalHarness restarted = new JournalHarness(data, 1)) {
            ThreadHandle child = restarted.resume(childId);
            assertThat(restarted.host.inspect(child).get(30, TimeUnit.SECONDS).configuration().cwd())
                    .isEqualTo("/elsewhere");
        }
    }
}
