package dev.turnstile.bench.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ThreadMemoryMode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A benchmark that measures a broken baseline measures nothing: every implementation must run turns, roll back,
 * resume and fork with the same visible behaviour before it is timed.
 */
class HostsBehaveTest {

    @ParameterizedTest
    @EnumSource(Impl.class)
    void everyImplementationRunsTheLifecycleTheBenchmarksTime(Impl impl, @TempDir Path data) {
        try (HostUnderTest host = impl.open(data, 2, false)) {
            EventWaiter events = new EventWaiter();
            HostedThread thread = host.start(events);
            events.awaitConfigured(1);
            for (int turn = 1; turn <= 3; turn++) {
                host.submit(thread, new Submission("t" + turn, Op.UserInput.text("turn " + turn)));
                events.awaitTurnsEnded(turn);
            }
            host.submit(thread, new Submission("m", new Op.SetThreadMemoryMode(ThreadMemoryMode.DISABLED)));
            host.submit(thread, new Submission("r", new Op.ThreadRollback(1)));
            events.awaitRolledBack(1);
            host.submit(thread, new Submission("s", new Op.Shutdown()));
            events.awaitShutdown(1);
            assertThat(host.awaitDrained(Duration.ofSeconds(10))).isTrue();

            EventWaiter resumed = new EventWaiter();
            host.resume(thread.threadId(), resumed);
            resumed.awaitConfigured(1);

            EventWaiter child = new EventWaiter();
            host.fork(thread.threadId(), child);
            child.awaitConfigured(1);
            assertThat(child.threadId()).isNotEqualTo(thread.threadId());
            assertThat(host.awaitDrained(Duration.ofSeconds(10))).isTrue();
            assertThat(host.bytesWritten(child.threadId())).isPositive();
            assertThat(host.bytesWritten(thread.threadId())).isPositive();
        }
    }
}
