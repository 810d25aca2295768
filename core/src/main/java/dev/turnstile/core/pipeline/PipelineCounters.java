package dev.turnstile.core.pipeline;

import java.util.concurrent.atomic.LongAdder;

/**
 * The pipeline's counters: submissions in (from clients and from internal work), submissions refused because the
 * ring was full, events out, and per shard what was published to it and what it has applied (their difference is
 * the shard's backlog).
 *
 * <p>Producer-side counts are {@link LongAdder}s (many producers); shard-side counts have a single writer each.
 */
public final class PipelineCounters {
    private final LongAdder clientSubmissions = new LongAdder();
    private final LongAdder internalSubmissions = new LongAdder();
    private final LongAdder overloaded = new LongAdder();
    private final LongAdder refusedClosed = new LongAdder();
    private final LongAdder[] publishedToShard;
    private final SingleWriterCounter[] appliedByShard;
    private final SingleWriterCounter[] eventsOutByShard;

    PipelineCounters(int shards) {
        publishedToShard = new LongAdder[shards];
        appliedByShard = new SingleWriterCounter[shards];
        eventsOutByShard = new SingleWriterCounter[shards];
        for (int i = 0; i < shards; i++) {
            publishedToShard[i] = new LongAdder();
            appliedByShard[i] = new SingleWriterCounter();
            eventsOutByShard[i] = new SingleWriterCounter();
        }
    }

    void recordPublished(int shard, boolean internal) {
        (internal ? internalSubmissions : clientSubmissions).increment();
        publishedToShard[shard].increment();
    }

    void recordOverloaded() {
        overloaded.increment();
    }

    void recordRefusedClosed() {
        refusedClosed.increment();
    }

    void recordApplied(int shard) {
        appliedByShard[shard].add(1);
    }

    /** Called by a shard's dispatch thread (only that one) for the events it emitted. */
    public void recordEventsOut(int shard, long events) {
        eventsOutByShard[shard].add(events);
    }

    public int shards() {
        return appliedByShard.length;
    }

    public long clientSubmissions() {
        return clientSubmissions.sum();
    }

    public long internalSubmissions() {
        return internalSubmissions.sum();
    }

    public long overloaded() {
        return overloaded.sum();
    }

    public long refusedClosed() {
        return refusedClosed.sum();
    }

    public long applied(int shard) {
        return appliedByShard[shard].get();
    }

    public long eventsOut() {
        long sum = 0;
        for (SingleWriterCounter counter : eventsOutByShard) {
            sum += counter.get();
        }
        return sum;
    }

    /** Entries published to the shard and not yet applied by it. */
    public long backlog(int shard) {
        // Read applied first: published only grows, so the difference can't go negative by a race.
        long applied = appliedByShard[shard].get();
        return Math.max(0, publishedToShard[shard].sum() - applied);
    }
}
