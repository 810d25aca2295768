package dev.turnstile.core.pipeline;

/**
 * One slot of the ingress ring. Slots are preallocated when the ring is built and reused forever; a publisher
 * fills one between claim and publish, and the shard that owns the thread applies it.
 *
 * <p>Everything a handler needs to apply an entry deterministically travels in the slot: the thread, its
 * per-thread sequence and the time, all stamped at the edge. A handler never reads the wall clock, so applying
 * the same entries again (offline replay, or a replica) yields the same state.
 *
 * <p>Threading: written by exactly one publisher between {@code tryNext()} and {@code publish()}, then read by the
 * shard handlers; the Disruptor's sequence barriers give the happens-before edges. Only the owning shard reads
 * {@link #payload()}, and it {@linkplain #release() releases} it after applying so the ring does not keep garbage
 * reachable.
 *
 * @param <P> the command type carried through the ring
 */
public final class IngressSlot<P> {
    /** The entry came from a client (transport); it may be refused when the ring is full. */
    public static final byte ORIGIN_CLIENT = 1;
    /** The entry is a result of work done off the dispatch threads (model output, tool result); never refused. */
    public static final byte ORIGIN_INTERNAL = 2;

    private ThreadHandle thread;
    private int shard = -1;
    private long threadSequence;
    private long timestampMillis;
    private byte origin;
    private P payload;
    /** The thread's applier state as the publisher saw it on the handle: a hint, see {@link #applierHint()}. */
    private Object applierHint;

    void fill(ThreadHandle thread, long threadSequence, long timestampMillis, byte origin, P payload) {
        this.thread = thread;
        this.shard = thread.shard();
        this.threadSequence = threadSequence;
        this.timestampMillis = timestampMillis;
        this.origin = origin;
        this.payload = payload;
        // Read while the handle is in the publisher's cache anyway, so the dispatch thread need not load the handle.
        this.applierHint = thread.applierState();
    }

    /** Drops the references the slot holds; called by the owning shard once the entry is applied. */
    void release() {
        this.thread = null;
        this.payload = null;
        this.applierHint = null;
    }

    /**
     * The handle's {@link ThreadHandle#applierState()} as the publisher read it, without synchronization: null, the
     * current state, or one that is no longer current (a session closed since). The dispatch thread checks it
     * against the entry's thread before using it and falls back to the handle; it saves that thread a cache miss
     * per entry when thousands of threads' handles are in play.
     */
    public Object applierHint() {
        return applierHint;
    }

    public ThreadHandle thread() {
        return thread;
    }

    /** The shard that owns this entry's thread; every handler reads it to decide whether the slot is its own. */
    public int shard() {
        return shard;
    }

    /** Per-thread sequence number given at the edge: 1, 2, 3, ... for each thread. */
    public long threadSequence() {
        return threadSequence;
    }

    /** Time of the entry, stamped at the edge (epoch milliseconds). Handlers take time from here, never the clock. */
    public long timestampMillis() {
        return timestampMillis;
    }

    public byte origin() {
        return origin;
    }

    public boolean isInternal() {
        return origin == ORIGIN_INTERNAL;
    }

    public P payload() {
        return payload;
    }
}
