package dev.turnstile.core.pipeline;

import java.util.concurrent.atomic.LongAdder;

/**
 * The pipeline's counters: submissions in (from clients and from internal work), submissions refused because the
 * ring was full, events out, and per shard what was published to it and what it has applied (their difference is
 * the shard's backlog).
 *
 * <p>Producer-side counts are {@link LongAdder}s (many producers); shard-side counts have a single writer each. A
 * client publish touches one adder only (its shard's): the client count is derived as everything published less
 * the internal submissions, so the common path pays for one increment, not two.
 */
public final class PipelineCounters {
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
        // The shard's count first: a reader racing a publish sees the client count one too high for a moment,
        // never negative.
        publishedToShard[shard].increment();
        if (internal) {
            internalSubmissions.increment();
        }
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

    /** Client submissions published so far (exact once publishing has stopped). */
    public long clientSubmissions() {
        long internal = internalSubmissions.sum();
        long published = 0;
        for (LongAdder shard : publishedToShard) {
            published += shard.sum();
        }
        return Math.max(0, published - internal);
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
