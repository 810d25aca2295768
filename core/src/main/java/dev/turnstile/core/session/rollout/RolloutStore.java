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
        };
    }
}
