package dev.turnstile.core.pipeline;

/**
 * Entries for the session code delivered by something other than the ingress ring: the benchmarks' baselines feed
 * the same {@code ShardSessions} through a queue per session or an executor, so that only the transport differs.
 * They stamp entries as the ingress does: a per-thread sequence issued under the handle's edge lock, then a slot filled
 * with it and released after applying.
 *
 * <p>Threading: {@link #nextSequence} may be called from any thread; a slot is filled, applied and cleared by the
 * one thread that applies its entries.
 */
public final class OffRingEntries {
    private OffRingEntries() {
    }

    /**
     * The thread's next per-thread sequence number, as {@link Ingress} issues it. A caller that must keep entries of
     * one thread in sequence order on their way to the applier holds the handle's {@link ThreadHandle#edgeLock()}
     * around this call and its hand-off (the monitor is reentrant).
     */
    public static long nextSequence(ThreadHandle thread) {
        synchronized (thread.edgeLock()) {
            return thread.issueSequence(0);
        }
    }

    /** Fills a slot that belongs to no ring, as a publisher fills a ring slot between claim and publish. */
    public static <P> void fill(IngressSlot<P> slot, ThreadHandle thread, long sequence, long timestampMillis,
                                byte origin, P payload) {
        slot.fill(thread, sequence, timestampMillis, origin, payload);
    }

    /** Drops what a slot references once its entry is applied, as a shard does. */
    public static void release(IngressSlot<?> slot) {
        slot.release();
    }
}
