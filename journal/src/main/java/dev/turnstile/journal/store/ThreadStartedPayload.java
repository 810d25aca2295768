package dev.turnstile.journal.store;

import dev.turnstile.core.protocol.rollout.SessionMeta;
import dev.turnstile.core.session.ThreadSpec;

/**
 * The payload of a thread's first record (THREAD_STARTED, or FORK for a forked thread): what the thread was created
 * with, and for a fork where in its parent it branched off.
 *
 * @param spec null for a fork that takes its parent's settings: they are in the parent's checkpoint
 * @param fork null unless the thread is a fork
 */
public record ThreadStartedPayload(ThreadSpec spec, SessionMeta meta, ForkPoint fork) {

    /**
     * The parent's record the fork continues from (the child's chain points at it), and the parent's checkpoint the
     * child's state starts from ({@code checkpoint}, null when the parent had none).
     */
    public record ForkPoint(String parentThreadId, int shard, long index, long[] checkpoint) {
    }
}
