package dev.turnstile.core.pipeline;

/**
 * What a shard does with its entries: the session layer implements it, the pipeline drives it.
 *
 * <p>Threading: one instance per shard, called only by that shard's dispatch thread, so it may keep plain
 * (unsynchronized) state. It must not block on I/O: work that waits is handed off, and its result comes back
 * through the ring as an internal entry.
 *
 * @param <P> the command type carried through the ring
 */
public interface ShardApplier<P> {

    /** Applies one entry of this shard. {@code position} is the entry's ring sequence (its place in the log). */
    void apply(IngressSlot<P> entry, long position);

    /**
     * An entry failed to apply. The entry is skipped and the shard goes on with the next one (a poison entry
     * must not stop every other thread on the shard); the applier reports the failure to the thread's clients.
     */
    void onApplyFailure(IngressSlot<P> entry, long position, Throwable failure);

    /** The end of a batch of entries the handler saw (of any shard): the moment to flush buffered I/O. */
    void endOfBatch();

    /**
     * Reads, ahead of applying it, what applying {@code entry} will read (its session and that session's journal
     * state), and returns something derived from those reads so they are not optimized away. The handler calls it
     * for a group of upcoming entries in one tight loop: the cache misses of a group, each independent of the
     * others, then overlap instead of stalling the handler one entry at a time. Must change nothing.
     */
    default long warm(IngressSlot<P> entry) {
        return 0;
    }

    /** Called on the dispatch thread before the first entry. */
    default void onStart() {
    }

    /** Called on the dispatch thread after the last entry, when the pipeline halts. */
    default void onShutdown() {
    }
}
