package dev.turnstile.core.session.rollout;

import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.session.Command;
import java.io.IOException;
import java.util.List;

/**
 * One thread's rollout, as the session sees it: what it records goes here, and a rollback reads it back.
 *
 * <p>Recording is lazy (spec §2.1): items are buffered until the rollout is {@linkplain #materialize()
 * materialized}, in practice by the first user message, so a thread that never had a user turn leaves nothing.
 *
 * <p>Threading: used by the thread's dispatch thread only; {@link #flush()} is called at the end of each batch.
 */
public interface ThreadRollout {

    /** False for a thread that is not journaled (ephemeral, or a host without a journal). */
    boolean persistent();

    /**
     * Journals the sequenced entry about to be applied (write-ahead), so a replay can apply it again. The items
     * appended while it applies belong to it.
     */
    void recordEntry(Command command, long threadSequence, long timestampMillis);

    /** Records an item (buffered until materialized). */
    void append(RolloutItem item, long timestampMillis);

    /** Makes the rollout exist: writes the session meta and everything buffered. Idempotent. */
    void materialize();

    boolean materialized();

    /**
     * Pushes buffered writes to the journal (end of a dispatch batch). A flush that finds items waiting materializes
     * the rollout (spec §5.4 #70): a thread that recorded anything exists on disk once its batch ends; one that only
     * changed settings does not.
     */
    void flush();

    /**
     * Whether {@link #flush} has work of this rollout's own at the end of the batch (items waiting to be
     * materialized). The handler visits only those rollouts again; the shard's journal as a whole is flushed by
     * {@link RolloutStore#endOfBatch}. A rollout that cannot tell says true.
     */
    default boolean flushPending() {
        return true;
    }

    /** The items recorded so far, in order (rollback replay). */
    List<RolloutItem> load() throws IOException;

    /**
     * Reads what recording an entry will update, ahead of it, and returns a value derived from the reads (see
     * {@code ShardApplier.warm}); changes nothing.
     */
    default long warm() {
        return 0;
    }

    /** Records a checkpoint of the thread's state (at a turn's end, and after a rollback, resume or fork). */
    default void checkpoint(Checkpoint checkpoint, long timestampMillis) {
    }

    /**
     * Where a rollback of {@code userTurns} user turns lands, read from the checkpoints (a bounded number of
     * records, whatever the thread's length): the checkpoint just before the oldest of those turns began.
     *
     * @return null when the checkpoints cannot say (too few, a compaction in between, a thread without them): the
     *         rollback then rebuilds from the whole rollout
     */
    default Checkpoint checkpointBeforeUserTurns(long userTurns) {
        return null;
    }

    /**
     * Loads the model-visible history as of the rollout's current end (a rebuild, spec §2.7): what a lazy
     * history calls when it needs its items. Null when this rollout cannot (nothing persisted).
     */
    default java.util.function.Supplier<List<dev.turnstile.core.protocol.item.ResponseItem>> historyLoader() {
        return null;
    }

    /** Where the rollout lives, for people (a path or a journal address), or null when not persisted. */
    String location();

    /** The thread ended (shutdown, or its channel closed): recorded, then nothing more is written. */
    void close();

    /** The process is stopping while the thread is still hosted: nothing is recorded; it can be resumed later. */
    default void release() {
    }

    /** A rollout that keeps nothing: threads of a host without a journal, and ephemeral threads. */
    static ThreadRollout none() {
        return NoRollout.INSTANCE;
    }
}
