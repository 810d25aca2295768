package dev.turnstile.bench.baseline;

import dev.turnstile.core.pipeline.IngressSlot;
import dev.turnstile.core.pipeline.OffRingEntries;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.session.Command;
import dev.turnstile.core.session.ShardSessions;

/**
 * The core's session code ({@link ShardSessions}: the submission loop, the op handlers, rollback, resume, fork)
 * driven by a baseline's own thread instead of a shard's dispatch thread. Baselines apply exactly what Turnstile
 * applies; only the way entries reach this object differs.
 *
 * <p>Threading: confined to the one thread that applies (a session's task, a shard's executor thread).
 */
public final class SessionApplier {
    private final ShardSessions sessions;
    private final IngressSlot<Command> slot = new IngressSlot<>();
    private long position;

    public SessionApplier(ShardSessions sessions) {
        this.sessions = sessions;
    }

    public void apply(ThreadHandle thread, long sequence, long timestampMillis, byte origin, Command command) {
        OffRingEntries.fill(slot, thread, sequence, timestampMillis, origin, command);
        long at = position++;
        try {
            sessions.apply(slot, at);
        } catch (Throwable failure) {
            sessions.onApplyFailure(slot, at, failure);
        } finally {
            OffRingEntries.release(slot); // keep no garbage reachable, as the ring's slots do
        }
    }

    /** The end of a batch (the queue ran empty): flushes what the batch touched. */
    public void endOfBatch() {
        sessions.endOfBatch();
    }

    public void shutdown() {
        sessions.onShutdown();
    }

    /** Sessions hosted (0 once a session's thread has ended). */
    public int size() {
        return sessions.size();
    }
}
