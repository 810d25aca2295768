package dev.turnstile.core.session;

import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.SessionMeta;
import dev.turnstile.core.session.rollout.RolloutStore;
import dev.turnstile.core.session.rollout.ThreadRollout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A rollout store that keeps items in memory, with the lazy materialization rule, so session tests can read back
 * what a thread recorded before the journal module exists to hold it.
 */
final class InMemoryRolloutStore implements RolloutStore {
    final ConcurrentHashMap<String, Rollout> rollouts = new ConcurrentHashMap<>();
    /** How many batches ended on each shard (index) after journaling something. */
    final java.util.concurrent.atomic.AtomicLongArray batchesEnded = new java.util.concurrent.atomic.AtomicLongArray(8);

    @Override
    public void endOfBatch(int shard) {
        batchesEnded.incrementAndGet(shard);
    }

    @Override
    public ThreadRollout open(ThreadSpec spec, SessionMeta meta, int shard) {
        Rollout rollout = new Rollout(meta);
        rollouts.put(spec.threadId(), rollout);
        return rollout;
    }

    @Override
    public String describe() {
        return "in memory (tests)";
    }

    /** The items a thread has written so far (after materialization), read from another thread after draining. */
    List<RolloutItem> written(String threadId) {
        Rollout rollout = rollouts.get(threadId);
        synchronized (rollout) {
            return List.copyOf(rollout.written);
        }
    }

    boolean materialized(String threadId) {
        Rollout rollout = rollouts.get(threadId);
        return rollout != null && rollout.materialized;
    }

    static final class Rollout implements ThreadRollout {
        private final SessionMeta meta;
        private final List<RolloutItem> buffered = new ArrayList<>();
        private final List<RolloutItem> written = new ArrayList<>();
        private volatile boolean materialized;

        Rollout(SessionMeta meta) {
            this.meta = meta;
        }

        @Override
        public boolean persistent() {
            return true;
        }

        @Override
        public void recordEntry(Command command, long threadSequence, long timestampMillis) {
        }

        @Override
        public synchronized void append(RolloutItem item, long timestampMillis) {
            (materialized ? written : buffered).add(item);
        }

        @Override
        public synchronized void materialize() {
            if (!materialized) {
                written.add(new RolloutItem.SessionMetaLine(meta));
                written.addAll(buffered);
                buffered.clear();
                materialized = true;
            }
        }

        @Override
        public boolean materialized() {
            return materialized;
        }

        @Override
        public synchronized void flush() {
            if (!buffered.isEmpty()) {
                materialize();
            }
        }

        @Override
        public synchronized List<RolloutItem> load() {
            List<RolloutItem> all = new ArrayList<>(written);
            all.addAll(buffered);
            return all;
        }

        @Override
        public String location() {
            return "memory:" + meta.id();
        }

        @Override
        public void close() {
        }
    }
}
