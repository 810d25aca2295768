package dev.turnstile.journal.store;

import dev.turnstile.core.session.rollout.Checkpoint;

/**
 * A CHECKPOINT record's payload: the thread's state, and the checkpoint its history logically follows — the one
 * before this turn, or after a rollback the one the rollback returned to, or for a fork the parent's — so that
 * walking back from the newest checkpoint meets exactly the turns still in the history.
 *
 * <p>To keep a checkpoint small (it is written at every turn's end), the two large parts are written by reference
 * when an earlier record already holds them: the configuration (usually unchanged for many turns) by the position
 * of the checkpoint that has it inline, the reference turn context by the position of its {@code turn_context}
 * line. The checkpoint's own fields are then null.
 *
 * @param previous        {shard, index} of the checkpoint followed, or null for a thread's first
 * @param configurationAt {shard, index} of the checkpoint holding the configuration when it is not inline
 * @param referenceAt     {shard, index} of the {@code turn_context} line when the reference is not inline
 */
public record CheckpointPayload(Checkpoint checkpoint, long[] previous, long[] configurationAt, long[] referenceAt) {
}
