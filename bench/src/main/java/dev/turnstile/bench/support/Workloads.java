package dev.turnstile.bench.support;

import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ThreadMemoryMode;
import java.time.Duration;

/** What the whole-host benchmarks submit, the same for every implementation. */
public final class Workloads {
    /** A cheap op: changes a setting, emits no event, journaled as one entry. */
    public static final Submission MEMORY_ON = new Submission("m1", new Op.SetThreadMemoryMode(ThreadMemoryMode.ENABLED));
    public static final Submission MEMORY_OFF = new Submission("m0",
            new Op.SetThreadMemoryMode(ThreadMemoryMode.DISABLED));
    public static final Submission ROLLBACK_ONE = new Submission("rollback", new Op.ThreadRollback(1));
    public static final Submission SHUTDOWN = new Submission("shutdown", new Op.Shutdown());
    private static final Duration DRAIN = Duration.ofSeconds(300);

    private Workloads() {
    }

    /**
     * Starts a thread and runs {@code turns} full turns on it, one after the other (user input, the scripted echo
     * model's answer, {@code task_complete}); returns once everything is journaled.
     */
    public static HostedThread thread(HostUnderTest host, int turns, EventWaiter events) {
        HostedThread thread = host.start(events);
        events.awaitConfigured(1);
        for (int turn = 1; turn <= turns; turn++) {
            host.submit(thread, new Submission("turn-" + turn, Op.UserInput.text(
                    "turn " + turn + ": summarize the plan and list the files you would change")));
            events.awaitTurnsEnded(turn);
        }
        drain(host);
        return thread;
    }

    /** Shuts a thread down and waits until the host has let it go (it can then be resumed). */
    public static void shutdown(HostUnderTest host, HostedThread thread, EventWaiter events) {
        long before = events.shutdowns();
        host.submit(thread, SHUTDOWN);
        events.awaitShutdown(before + 1);
        drain(host);
    }

    public static void drain(HostUnderTest host) {
        if (!host.awaitDrained(DRAIN)) {
            throw new IllegalStateException("the host did not drain within " + DRAIN.toSeconds() + " s");
        }
    }
}
