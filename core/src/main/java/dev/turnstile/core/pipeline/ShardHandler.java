package dev.turnstile.core.pipeline;

import com.lmax.disruptor.EventHandler;

/**
 * One shard's dispatch handler. Every shard handler sees every slot of the ring; it applies the slots of its own
 * threads in ring order and skips the others, so each thread's entries are applied strictly in order by exactly one
 * thread (the single-writer principle: session state needs no locks).
 */
final class ShardHandler<P> implements EventHandler<IngressSlot<P>> {
    private final int shard;
    private final ShardApplier<P> applier;
    private final PipelineCounters counters;
    /** The CPU this handler's thread pins itself to when it starts, or -1. */
    private final int cpu;

    ShardHandler(int shard, ShardApplier<P> applier, PipelineCounters counters, int cpu) {
        this.shard = shard;
        this.applier = applier;
        this.counters = counters;
        this.cpu = cpu;
    }

    @Override
    public void onEvent(IngressSlot<P> slot, long position, boolean endOfBatch) {
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
