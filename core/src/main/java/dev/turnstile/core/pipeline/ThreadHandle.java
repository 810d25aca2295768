package dev.turnstile.core.pipeline;

/**
 * The pipeline's identity of a hosted thread (a session): its id, a dense numeric key used for lookups on the
 * dispatch path, and its shard, fixed for the thread's life.
 *
 * <p>It also issues the thread's per-thread sequence numbers at the edge. Issuing a number and claiming the ring
 * slot happen under the thread's {@linkplain #edgeLock() edge lock}, so one thread's entries enter the ring in the
 * order of their sequence numbers even when several producers (connections, model and tool callbacks) publish for
 * it at once. The critical section never waits: a full ring is answered at once. This lock is the only one on the
 * ingress path and it lives at the edge, never in session state.
 *
 * <p>Memory layout matters here: producers write the edge lock and the sequence counter on every publish, and the
 * shard's dispatch thread reads this handle for every entry it applies. The two live in different objects, the
 * counter's padded to a cache line of its own, so a publish on one core does not invalidate the line the dispatch
 * thread is reading on another.
 */
public final class ThreadHandle {
    private final String threadId;
    private final long key;
    private final int shard;
    private final EdgeSequence edge = new EdgeSequence();
    /** What the owning shard's applier keeps for this thread; read and written by that shard's dispatch thread only. */
    private Object applierState;

    public ThreadHandle(String threadId, long key, int shard) {
        if (threadId == null || threadId.isEmpty()) {
            throw new IllegalArgumentException("thread id must not be empty");
        }
        if (shard < 0) {
            throw new IllegalArgumentException("shard must be >= 0, was " + shard);
        }
        this.threadId = threadId;
        this.key = key;
        this.shard = shard;
    }

    public String threadId() {
        return threadId;
    }

    /** Dense numeric key, unique within a process; session state is looked up by it without boxing. */
    public long key() {
        return key;
    }

    public int shard() {
        return shard;
    }

    /** The lock held while this thread's next number is issued and its ring slot claimed. */
    public Object edgeLock() {
        return edge;
    }

    /**
     * Issues the sequence for the next entry. A client that resends an unacknowledged submission passes the
     * sequence it was given ({@code requested > 0}); the number is then kept as is (the handler will see it is
     * not new and only re-acknowledge it), and later numbers continue above it.
     * Must be called while holding {@link #edgeLock()}.
     */
    long issueSequence(long requested) {
        EdgeSequence counter = edge;
        if (requested > 0) {
            if (requested > counter.lastIssued) {
                counter.lastIssued = requested;
            }
            return requested;
        }
        return ++counter.lastIssued;
    }

    /** Restores the sequence counter when a thread is resumed, so numbering continues after the journal's last. */
    public void continueAfter(long lastSequence) {
        synchronized (edge) {
            if (lastSequence > edge.lastIssued) {
                edge.lastIssued = lastSequence;
            }
        }
    }

    public long lastIssuedSequence() {
        synchronized (edge) {
            return edge.lastIssued;
        }
    }

    /**
     * What the applier of this thread's shard attached to it (the session): reached from the entry, without a
     * lookup. Only the dispatch thread of {@link #shard()} may call this.
     */
    public Object applierState() {
        return applierState;
    }

    /** Attaches (or, with null, detaches) the applier's state. Only the dispatch thread of {@link #shard()}. */
    public void applierState(Object state) {
        this.applierState = state;
    }

    @Override
    public String toString() {
        return "thread " + threadId + " (key " + key + ", shard " + shard + ")";
    }

    /** Padding, so the counter shares no cache line with whatever the allocator put before it. */
    @SuppressWarnings("unused")
    private static class LeftPadding {
        long p01, p02, p03, p04, p05, p06, p07, p08;
    }

    /** The per-thread sequence counter, and the edge lock (its monitor). */
    private static class SequenceField extends LeftPadding {
        long lastIssued; // guarded by this object's monitor
    }

    /** Padding, so the counter shares no cache line with whatever the allocator puts after it. */
    @SuppressWarnings("unused")
    private static final class EdgeSequence extends SequenceField {
        long p11, p12, p13, p14, p15, p16, p17, p18;
    }
}
