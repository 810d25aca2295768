package dev.turnstile.journal.store;

import dev.turnstile.core.session.rollout.Checkpoint;

/**
 * A CHECKPOINT record's payload: the thread's state, and the checkpoint its history logically follows — the one
 * before this turn, or after a rollback the one the rollback returned to, or for a fork's first checkpoint the
 * parent's — so that walking back from the newest checkpoint meets exactly the turns still in the history.
 *
 * @param previous {shard, index} of that checkpoint, or null for the thread's first
 */
public record CheckpointPayload(Checkpoint checkpoint, long[] previous) {
}
