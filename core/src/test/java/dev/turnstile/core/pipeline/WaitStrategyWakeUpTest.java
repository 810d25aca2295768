package dev.turnstile.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The strategies that put an idle handler to sleep elide the wake-up signal when no handler says it is asleep (the
 * lite lock). A wake-up lost in the race between "going to sleep" and "publishing" would leave an entry unapplied
 * until the next publish: here every entry is the last one for a while, published after a random pause that lands
 * in every phase of the handler's backoff (spinning, yielding, just blocking, long asleep), by two producers at once,
 * and each must be applied without a further publish to push it.
 */
class WaitStrategyWakeUpTest {
    private static final int ROUNDS = 1_500;

    @ParameterizedTest
    @EnumSource(value = WaitStrategyKind.class, names = {"PHASED", "BLOCKING"})
    void everyEntryPublishedToAnIdleHandlerIsAppliedWithoutAnotherPublish(WaitStrategyKind kind) throws Exception {
        int shards = 2;
        List<SynchronousQueue<Integer>> appliedPerShard = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            appliedPerShard.add(new SynchronousQueue<>());
        }
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        try (Pipeline<Integer> pipeline = Pipeline.start(new PipelineConfig(shards, 1024, kind),
                (shard, parts) -> new HandingOver(appliedPerShard.get(shard)), new SystemEpochClock())) {
            List<Thread> producers = new ArrayList<>();
            for (int shard = 0; shard < shards; shard++) {
                ThreadHandle thread = pipeline.threads().registerOnShard("wake-" + shard, shard);
                SynchronousQueue<Integer> applied = appliedPerShard.get(shard);
                producers.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int round = 1; round <= ROUNDS; round++) {
                            // 0 to 400 µs: the handler is spinning (20 µs), yielding (200 µs) or blocked.
                            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(400_000));
                            assertThat(Ingress.accepted(pipeline.ingress().tryPublish(thread, round))).isTrue();
                            Integer seen = applied.poll(10, TimeUnit.SECONDS);
                            if (seen == null || seen != round) {
                                failures.add(kind + ": entry " + round + " of " + thread + " was "
                                        + (seen == null ? "not applied within 10 s (a lost wake-up)" : "applied as " + seen));
                                return;
                            }
                        }
                    } catch (InterruptedException e) {
                        failures.add("interrupted");
                    }
                }));
            }
            for (Thread producer : producers) {
                producer.join(TimeUnit.MINUTES.toMillis(3));
            }
            assertThat(failures).isEmpty();
            // A handler counts an entry once its apply returns, after the hand-over the producer waited for.
            assertThat(pipeline.awaitDrained(java.time.Duration.ofSeconds(30))).isTrue();
            for (int shard = 0; shard < shards; shard++) {
                assertThat(pipeline.counters().applied(shard)).isEqualTo(ROUNDS);
            }
        }
    }

    /** Hands each applied entry to its producer, which waits for it before publishing the next. */
    private record HandingOver(SynchronousQueue<Integer> applied) implements ShardApplier<Integer> {
        @Override
        public void apply(IngressSlot<Integer> entry, long position) {
            try {
                applied.put(entry.payload());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onApplyFailure(IngressSlot<Integer> entry, long position, Throwable failure) {
        }

        @Override
        public void endOfBatch() {
        }
    }
}
