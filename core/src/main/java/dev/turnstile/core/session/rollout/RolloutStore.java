package dev.turnstile.core.session.rollout;

import dev.turnstile.core.protocol.rollout.SessionMeta;
import dev.turnstile.core.session.ThreadSpec;

/**
 * Where threads' rollouts live: the journal, seen from the core. The core knows the journal only through this
 * interface; the journal module implements it on Chronicle Queue.
 *
 * <p>Threading: {@link #open} is called on the new thread's dispatch thread; the returned rollout is then used by
 * that thread only.
 */
public interface RolloutStore {

    /** Opens the rollout of a new thread (nothing is written until it is materialized). */
    ThreadRollout open(ThreadSpec spec, SessionMeta meta, int shard);

    /** For people: where rollouts go (e.g. "not persisted" or a directory). */
    String describe();

    /**
     * The end of a dispatch batch on {@code shard} in which its threads journaled something: what they wrote is
     * pushed as the store's durability says (with a synced journal, to the device). Called by the shard's dispatch
     * thread only.
     */
    default void endOfBatch(int shard) {
    }

    /** Whether threads' entries are written anywhere (false: a host that keeps threads in memory only). */
    default boolean persistent() {
        return true;
    }

    /** Where a stored thread lives, or null when this store has no such thread. Any thread may call it. */
    default StoredThread find(String threadId) {
        return null;
    }

    /**
     * A stored thread's rollout items, in order, read on the calling thread (any thread); null when the store has no
     * such thread. Items a live thread has not materialized yet are not included.
     */
    default java.util.List<dev.turnstile.core.protocol.rollout.RolloutItem> read(String threadId) {
        return null;
    }

    /**
     * The stored thread's rollout items that {@code filter} wants, each with its position in the whole rollout; null
     * when the store has no such thread. Read on the calling thread (any thread). A store may skip decoding the
     * lines the filter refuses; this default reads them all.
     */
    default SelectedRollout read(String threadId, RolloutFilter filter) {
        java.util.List<dev.turnstile.core.protocol.rollout.RolloutItem> all = read(threadId);
        return all == null ? null : SelectedRollout.select(all, filter);
    }

    /**
     * Opens a stored thread to continue it: what it recorded so far, and a rollout that appends after it. Called on
     * the dispatch thread of {@code shard}, which then owns the rollout.
     */
    default ResumedRollout resume(String threadId, int shard) {
        throw new IllegalStateException("this store keeps no threads to resume");
    }

    /**
     * Forks a stored thread into a new one, copy-on-write: the child's journal points at the parent's records up to
     * the fork point, nothing is copied. Called on the dispatch thread of {@code shard}, which then owns the child's
     * rollout. The parent is read whole before anything is written: a damaged parent fails the fork, never leaves a
     * partial child.
     *
     * @param lastTurnId fork after this turn of the parent (its later turns are not part of the child), or null
     *                   to fork from the parent's newest record
     * @param inheritConfiguration the child takes the parent's settings (the store need not keep {@code child}'s)
     * @throws IllegalArgumentException when the parent or the turn does not exist
     */
    default ResumedRollout fork(String parentId, String lastTurnId, ThreadSpec child, boolean inheritConfiguration,
                                SessionMeta meta, int shard) {
        throw new IllegalStateException("this store keeps no threads to fork");
    }

    /**
     * A stored thread.
     *
     * @param shard        the shard whose queue holds its newest record (it is resumed there)
     * @param lastSequence the last per-thread sequence it applied (numbering continues after it)
     * @param materialized whether it has a rollout (a thread with no user turn has none)
     */
    record StoredThread(int shard, long lastSequence, boolean materialized) {
    }

    /**
     * A stored thread opened to continue.
     *
     * @param spec       what the thread was created with
     * @param checkpoint its newest checkpoint, or null when it has none (then {@code items} is all of it)
     * @param items      its rollout items after the checkpoint (all of them without one), in order
     * @param baseLoader loads the history as of the checkpoint (null without one)
     * @param rollout    where its next records go
     */
    record ResumedRollout(ThreadSpec spec, Checkpoint checkpoint,
                          java.util.List<dev.turnstile.core.protocol.rollout.RolloutItem> items,
                          java.util.function.Supplier<java.util.List<dev.turnstile.core.protocol.item.ResponseItem>>
                                  baseLoader,
                          ThreadRollout rollout) {

        /** A thread opened without a checkpoint: its whole rollout is to be rebuilt. */
        public ResumedRollout(ThreadSpec spec, java.util.List<dev.turnstile.core.protocol.rollout.RolloutItem> items,
                              ThreadRollout rollout) {
            this(spec, null, items, null, rollout);
        }
    }

    /** A host without a journal: threads live in memory only and cannot be rolled back or resumed. */
    static RolloutStore none() {
        return new RolloutStore() {
            @Override
            public ThreadRollout open(ThreadSpec spec, SessionMeta meta, int shard) {
                return ThreadRollout.none();
            }

            @Override
            public String describe() {
                return "not persisted (no journal: threads live in memory only)";
            }

            @Override
            public boolean persistent() {
                return false;
            }
        };
    }
}
