package dev.turnstile.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.lmax.disruptor.RingBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shard handler warms a batch's upcoming entries a group at a time before applying them: only its own
 * shard's entries, never one past the batch's last published slot, each before it is applied, and none at all when
 * a batch holds a single entry (the lone entry of a lightly loaded ring pays nothing for it).
 */
class ShardHandlerWarmingTest {
    private static final ThreadHandle MINE = new ThreadHandle("mine", 1, 0);
    private static final ThreadHandle OTHER = new ThreadHandle("other", 2, 1);

    /** Records what it is asked to warm and to apply, in order. */
    private static final class RecordingApplier implements ShardApplier<String> {
        final List<String> calls = new ArrayList<>();

        @Override
        public long warm(IngressSlot<String> entry) {
            calls.add("warm " + entry.payload());
            return entry.payload().length();
        }

        @Override
        public void apply(IngressSlot<String> entry, long position) {
            calls.add("apply " + entry.payload());
        }

        @Override
        public void onApplyFailure(IngressSlot<String> entry, long position, Throwable failure) {
            throw new AssertionError(failure);
        }

        @Override
        public void endOfBatch() {
            calls.add("end");
        }
    }

    private final RingBuffer<IngressSlot<String>> ring = RingBuffer.createSingleProducer(IngressSlot::new, 256);
    private final RecordingApplier applier = new RecordingApplier();
    private final ShardHandler<String> handler = new ShardHandler<>(0, ring, applier, new PipelineCounters(2), -1);

    private long publish(ThreadHandle thread, String payload) {
        long position = ring.next();
        ring.get(position).fill(thread, position + 1, 0, IngressSlot.ORIGIN_CLIENT, payload);
        ring.publish(position);
        return position;
    }

    /** Delivers positions {@code first..last} as one batch, the way the Disruptor's processor does. */
    private void deliverBatch(long first, long last) {
        handler.onBatchStart(last - first + 1, last - first + 1);
        for (long p = first; p <= last; p++) {
            handler.onEvent(ring.get(p), p, p == last);
        }
    }

    @Test
    void warmsOwnEntriesOfTheBatchBeforeApplyingThem() {
        long first = publish(MINE, "a");
        publish(OTHER, "x");
        publish(MINE, "b");
        long last = publish(MINE, "c");
        publish(MINE, "beyond the batch"); // published, but not part of the batch delivered

        deliverBatch(first, last);

        assertThat(applier.calls).containsExactly("warm a", "warm b", "warm c", "apply a", "apply b", "apply c",
                "end");
    }

    @Test
    void warmsAGroupAtATimeAcrossALongBatch() {
        int count = ShardHandler.WARM_GROUP * 2 + 3;
        long first = -1;
        long last = -1;
        for (int i = 0; i < count; i++) {
            last = publish(MINE, "e" + i);
            first = first < 0 ? last : first;
        }

        deliverBatch(first, last);

        List<String> calls = applier.calls;
        for (int i = 0; i < count; i++) {
            int warmed = calls.indexOf("warm e" + i);
            int applied = calls.indexOf("apply e" + i);
            assertThat(warmed).as("entry %d warmed", i).isNotNegative();
            assertThat(warmed).as("entry %d warmed before it is applied", i).isLessThan(applied);
            if (i >= ShardHandler.WARM_GROUP) {
                // not warmed long before: only once the previous group has been applied
                assertThat(warmed).isGreaterThan(calls.indexOf("apply e" + (i - ShardHandler.WARM_GROUP)));
            }
        }
        assertThat(calls.stream().filter(call -> call.startsWith("warm"))).hasSize(count);
    }

    @Test
    void aSingleEntryBatchIsAppliedWithoutWarming() {
        long only = publish(MINE, "alone");

        deliverBatch(only, only);

        assertThat(applier.calls).containsExactly("apply alone", "end");
    }
}
