package dev.turnstile.core.pipeline;

/**
 * The pipeline's identity of a hosted thread (a session): its id, a dense numeric key used for lookups on the
 * dispatch path, and its shard, fixed for the thread's life.
 *
 * <p>It also issues the thread's per-thread sequence numbers at the edge. Issuing a number and claiming the ring
 * slot happen under the handle's monitor, so one thread's entries enter the ring in the order of their sequence
 * numbers even when several producers (connections, model and tool callbacks) publish for it at once. The
 * critical section never waits: a full ring is answered at once. This monitor is the only lock on the ingress
 * path and it lives at the edge, never in session state.
 */
public final class ThreadHandle {
    private final String threadId;
    private final long key;
    private final int shard;
    private long lastIssuedSequence; // guarded by this

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

    /**
     * Issues the sequence for the next entry. A client that resends an unacknowledged submission passes the
     * sequence it was given ({@code requested > 0}); the number is then kept as is (the handler will see it is
     * not new and only re-acknowledge it), and later numbers continue above it.
     * Must be called while holding this handle's monitor.
     */
    long issueSequence(long requested) {
        if (requested > 0) {
            if (requested > lastIssuedSequence) {
                lastIssuedSequence = requested;
            }
            return requested;
        }
        return ++lastIssuedSequence;
    }

    /** Restores the sequence counter when a thread is resumed, so numbering continues after the journal's last. */
    public synchronized void continueAfter(long lastSequence) {
        if (lastSequence > lastIssuedSequence) {
            lastIssuedSequence = lastSequence;
        }
    }

    public synchronized long lastIssuedSequence() {
        return lastIssuedSequence;
    }

    @Override
    public String toString() {
        return "thread " + threadId + " (key " + key + ", shard " + shard + ")";
    }
}
