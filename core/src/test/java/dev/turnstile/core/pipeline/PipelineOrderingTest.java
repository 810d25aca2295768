package dev.turnstile.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's core promise: with many producers and several shards, each thread's entries are applied in the
 * order they were sequenced, without gaps, by exactly one dispatch thread. The per-thread state below is plain
 * (no volatile, no lock): a design that let two handlers apply one thread's entries, or that reordered them,
 * shows up as a violation.
 */
class PipelineOrderingTest {

    record Cmd(int producer, int n) {
    }

    /** Plain, unsynchronized per-thread state, as session state is. */
    static final class ThreadState {
        long lastSequence;
        final int[] lastPerProducer;
        Thread owner;

        ThreadState(int producers) {
            lastPerProducer = new int[producers];
        }
    }

    static final class CheckingApplier implements ShardApplier<Cmd> {
        private final int shard;
        private final int producers;
        private final Long2ObjectHashMap<ThreadState> states = new Long2ObjectHashMap<>();
        private final ConcurrentLinkedQueue<String> violations;
        private final CountDownLatch applied;

        CheckingApplier(int shard, int producers, ConcurrentLinkedQueue<String> violations, CountDownLatch applied) {
            this.shard = shard;
            this.producers = producers;
            this.violations = violations;
            this.applied = applied;
        }

        @Override
        public void apply(IngressSlot<Cmd> entry, long position) {
            ThreadHandle thread = entry.thread();
            if (thread.shard() != shard) {
                violations.add("shard " + shard + " applied an entry of " + thread);
            }
            ThreadState state = states.get(thread.key());
            if (state == null) {
                state = new ThreadState(producers);
                state.owner = Thread.currentThread();
                states.put(thread.key(), state);
            }
            if (state.owner != Thread.currentThread()) {
                violations.add(thread + " applied by two dispatch threads");
            }
            if (entry.threadSequence() != state.lastSequence + 1) {
                violations.add(thread + ": sequence " + entry.threadSequence() + " after " + state.lastSequence);
            }
            state.lastSequence = entry.threadSequence();
            Cmd cmd = entry.payload();
            if (cmd.n() != state.lastPerProducer[cmd.producer()] + 1) {
                violations.add(thread + ": producer " + cmd.producer() + " entry " + cmd.n() + " after "
                        + state.lastPerProducer[cmd.producer()]);
            }
            state.lastPerProducer[cmd.producer()] = cmd.n();
            applied.countDown();
        }

        @Override
        public void onApplyFailure(IngressSlot<Cmd> entry, long position, Throwable failure) {
            violations.add("apply failed: " + failure);
        }

        @Override
        public void endOfBatch() {
        }
    }

    @Test
    void appliesEachThreadsEntriesInSequenceOrderByOneDispatchThreadUnderManyProducers() throws Exception {
        int shards = 3;
        int producers = 4;
        int threadCount = 150;
        int perProducerPerThread = 200;
        int total = producers * threadCount * perProducerPerThread;
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        CountDownLatch applied = new CountDownLatch(total);

        // A small ring, so producers keep running into a full ring and retrying while handlers work.
        PipelineConfig config = new PipelineConfig(shards, 1024, WaitStrategyKind.BLOCKING);
        try (Pipeline<Cmd> pipeline = Pipeline.start(config,
                (shard, parts) -> new CheckingApplier(shard, producers, violations, applied), new SystemEpochClock())) {
            List<ThreadHandle> handles = new ArrayList<>();
            for (int i = 0; i < threadCount; i++) {
                handles.add(pipeline.threads().register("thread-" + i));
            }
            List<Thread> workers = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int p = 0; p < producers; p++) {
                int producer = p;
                workers.add(Thread.ofPlatform().start(() -> {
                    awaitQuietly(go);
                    for (int n = 1; n <= perProducerPerThread; n++) {
                        for (ThreadHandle handle : handles) {
                            Cmd cmd = new Cmd(producer, n);
                            while (pipeline.ingress().tryPublish(handle, cmd) == Ingress.OVERLOADED) {
                                Thread.onSpinWait();
                            }
                        }
                    }
                }));
            }
            go.countDown();
            for (Thread worker : workers) {
                worker.join(TimeUnit.MINUTES.toMillis(2));
            }
            assertThat(applied.await(2, TimeUnit.MINUTES)).as("all entries applied").isTrue();
            // The handler counts an entry after its apply returns: wait until every handler passed the last one.
            assertThat(pipeline.awaitDrained(Duration.ofSeconds(30))).isTrue();
            assertThat(violations).isEmpty();
            assertThat(pipeline.counters().clientSubmissions()).isEqualTo(total);
            long appliedSum = 0;
            for (int shard = 0; shard < shards; shard++) {
                appliedSum += pipeline.counters().applied(shard);
                assertThat(pipeline.counters().backlog(shard)).isZero();
            }
            assertThat(appliedSum).isEqualTo(total);
            assertThat(handles).allSatisfy(h -> assertThat(h.lastIssuedSequence())
                    .isEqualTo((long) producers * perProducerPerThread));
        }
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
