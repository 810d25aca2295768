package dev.turnstile.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;

class IngressBackpressureTest {

    /** Blocks its dispatch thread on the first entry until released, so the ring fills up behind it. */
    static final class GatedApplier implements ShardApplier<String> {
        final CountDownLatch firstEntryStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> applied = new CopyOnWriteArrayList<>();
        final List<Long> sequences = new CopyOnWriteArrayList<>();

        @Override
        public void apply(IngressSlot<String> entry, long position) {
            firstEntryStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            applied.add(entry.payload());
            sequences.add(entry.threadSequence());
        }

        @Override
        public void onApplyFailure(IngressSlot<String> entry, long position, Throwable failure) {
        }

        @Override
        public void endOfBatch() {
        }
    }

    @Test
    void aFullRingAnswersOverloadedAtOnceAndLosesNothingAccepted() throws Exception {
        GatedApplier applier = new GatedApplier();
        try (Pipeline<String> pipeline = Pipeline.start(new PipelineConfig(1, 8, WaitStrategyKind.BLOCKING),
                (shard, parts) -> applier, new SystemEpochClock())) {
            ThreadHandle thread = pipeline.threads().register("t");
            assertThat(pipeline.ingress().tryPublish(thread, "first")).isEqualTo(1);
            assertThat(applier.firstEntryStarted.await(30, TimeUnit.SECONDS)).isTrue();

            // The handler holds slot 0; the ring has 8 slots, so 7 more fit.
            for (int i = 2; i <= 8; i++) {
                assertThat(pipeline.ingress().tryPublish(thread, "cmd-" + i)).isEqualTo(i);
            }
            long refused = pipeline.ingress().tryPublish(thread, "one too many");
            assertThat(refused).isEqualTo(Ingress.OVERLOADED);
            assertThat(Ingress.accepted(refused)).isFalse();
            assertThat(pipeline.counters().overloaded()).isEqualTo(1);
            assertThat(pipeline.counters().backlog(0)).isEqualTo(8);

            applier.release.countDown();
            assertThat(pipeline.awaitDrained(Duration.ofSeconds(30))).isTrue();
            assertThat(applier.applied).hasSize(8).doesNotContain("one too many");
            // The refused command burned no sequence number: numbering has no gap.
            assertThat(applier.sequences).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        }
    }

    @Test
    void internalCommandsWaitForSpaceInsteadOfBeingRefused() throws Exception {
        GatedApplier applier = new GatedApplier();
        try (Pipeline<String> pipeline = Pipeline.start(new PipelineConfig(1, 4, WaitStrategyKind.BLOCKING),
                (shard, parts) -> applier, new SystemEpochClock())) {
            ThreadHandle thread = pipeline.threads().register("t");
            pipeline.ingress().tryPublish(thread, "first");
            assertThat(applier.firstEntryStarted.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                pipeline.ingress().tryPublish(thread, "fill-" + i);
            }
            CountDownLatch internalPublished = new CountDownLatch(1);
            Thread producer = Thread.ofVirtual().start(() -> {
                pipeline.ingress().publishInternal(thread, "model result");
                internalPublished.countDown();
            });
            // While the ring is full, the internal publisher waits; a client is still answered at once.
            assertThat(pipeline.ingress().tryPublish(thread, "client")).isEqualTo(Ingress.OVERLOADED);
            assertThat(internalPublished.getCount()).isEqualTo(1);

            applier.release.countDown();
            assertThat(internalPublished.await(30, TimeUnit.SECONDS)).isTrue();
            producer.join();
            assertThat(pipeline.awaitDrained(Duration.ofSeconds(30))).isTrue();
            assertThat(applier.applied).contains("model result");
            assertThat(pipeline.counters().internalSubmissions()).isEqualTo(1);
        }
    }

    @Test
    void closingAppliesWhatWasAcceptedAndRefusesNewClientWork() {
        List<String> applied = new CopyOnWriteArrayList<>();
        ShardApplier<String> applier = new ShardApplier<>() {
            @Override
            public void apply(IngressSlot<String> entry, long position) {
                applied.add(entry.payload());
            }

            @Override
            public void onApplyFailure(IngressSlot<String> entry, long position, Throwable failure) {
            }

            @Override
            public void endOfBatch() {
            }
        };
        Pipeline<String> pipeline = Pipeline.start(new PipelineConfig(2, 1024, WaitStrategyKind.BLOCKING),
                (shard, parts) -> applier, new SystemEpochClock());
        ThreadHandle thread = pipeline.threads().register("t");
        for (int i = 0; i < 500; i++) {
            assertThat(Ingress.accepted(pipeline.ingress().tryPublish(thread, "c" + i))).isTrue();
        }
        pipeline.close();
        assertThat(applied).hasSize(500);
        assertThat(pipeline.ingress().tryPublish(thread, "late")).isEqualTo(Ingress.CLOSED);
        assertThat(pipeline.counters().refusedClosed()).isEqualTo(1);
    }

    @Test
    void aPoisonEntryIsReportedAndSkippedAndTheShardGoesOn() throws Exception {
        List<String> applied = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        ShardApplier<String> applier = new ShardApplier<>() {
            @Override
            public void apply(IngressSlot<String> entry, long position) {
                if (entry.payload().equals("poison")) {
                    throw new IllegalStateException("cannot apply poison");
                }
                applied.add(entry.payload());
                if (entry.payload().equals("last")) {
                    done.countDown();
                }
            }

            @Override
            public void onApplyFailure(IngressSlot<String> entry, long position, Throwable failure) {
                failures.add(entry.payload() + ": " + failure.getMessage());
            }

            @Override
            public void endOfBatch() {
            }
        };
        try (Pipeline<String> pipeline = Pipeline.start(new PipelineConfig(1, 64, WaitStrategyKind.BLOCKING),
                (shard, parts) -> applier, new SystemEpochClock())) {
            ThreadHandle thread = pipeline.threads().register("t");
            pipeline.ingress().tryPublish(thread, "a");
            pipeline.ingress().tryPublish(thread, "poison");
            pipeline.ingress().tryPublish(thread, "last");
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(applied).containsExactly("a", "last");
            assertThat(failures).containsExactly("poison: cannot apply poison");
        }
    }

    @Test
    void aResentSequenceIsPassedThroughAndNumberingContinuesAboveIt() {
        ThreadHandle handle = new ThreadHandle("t", 1, 0);
        synchronized (handle.edgeLock()) {
            assertThat(handle.issueSequence(0)).isEqualTo(1);
            assertThat(handle.issueSequence(0)).isEqualTo(2);
            assertThat(handle.issueSequence(1)).as("a resend keeps its number").isEqualTo(1);
            assertThat(handle.issueSequence(5)).isEqualTo(5);
            assertThat(handle.issueSequence(0)).isEqualTo(6);
        }
    }
}
