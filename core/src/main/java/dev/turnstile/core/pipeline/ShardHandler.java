package dev.turnstile.core.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;

/**
 * One shard's dispatch handler. Every shard handler sees every slot of the ring; it applies the slots of its own
 * threads in ring order and skips the others, so each thread's entries are applied strictly in order by exactly one
 * thread (the single-writer principle: session state needs no locks).
 */
final class ShardHandler<P> implements EventHandler<IngressSlot<P>> {
    /** Upcoming entries warmed together (see {@link ShardApplier#warm}). */
    static final int WARM_GROUP = 32;

    private final int shard;
    private final RingBuffer<IngressSlot<P>> ring;
    private final ShardApplier<P> applier;
    private final PipelineCounters counters;
    /** The CPU this handler's thread pins itself to when it starts, or -1. */
    private final int cpu;

    /** The size the current batch announced, until its first entry turns it into {@link #batchLast}. */
    private long announcedBatch;
    /** The ring position of the current batch's last entry: every slot up to it is published. */
    private long batchLast = -1;
    /** The last position warmed. */
    private long warmedThrough = -1;
    /** What the warming reads add up to: written so the reads are kept, never read. */
    @SuppressWarnings("unused")
    private long warmSink;

    ShardHandler(int shard, RingBuffer<IngressSlot<P>> ring, ShardApplier<P> applier, PipelineCounters counters,
                 int cpu) {
        this.shard = shard;
        this.ring = ring;
        this.applier = applier;
        this.counters = counters;
        this.cpu = cpu;
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
        announcedBatch = batchSize;
    }

    @Override
    public void onEvent(IngressSlot<P> slot, long position, boolean endOfBatch) {
        if (announcedBatch > 0) {
            batchLast = position + announcedBatch - 1;
            announcedBatch = 0;
        }
        if (position > warmedThrough && position < batchLast) {
            warmAhead(position);
        }
        if (slot.shard() == shard) {
            try {
                applier.apply(slot, position);
            } catch (Throwable failure) {
                applier.onApplyFailure(slot, position, failure);
            } finally {
                slot.release();
                counters.recordApplied(shard);
            }
        }
        if (endOfBatch) {
            applier.endOfBatch();
        }
    }

    /** Warms this shard's entries from {@code position} on, a group at a time, never past the batch's last. */
    private void warmAhead(long position) {
        long last = Math.min(position + WARM_GROUP - 1, batchLast);
        long sink = 0;
        for (long p = position; p <= last; p++) {
            IngressSlot<P> upcoming = ring.get(p);
            if (upcoming.shard() == shard) {
                sink += applier.warm(upcoming);
            }
        }
        warmSink += sink;
        warmedThrough = last;
    }

    @Override
    public void onStart() {
        if (cpu >= 0) {
            ThreadAffinity.pinCurrentThread(cpu, "shard " + shard);
        }
        applier.onStart();
    }

    @Override
    public void onShutdown() {
        applier.onShutdown();
    }
}
