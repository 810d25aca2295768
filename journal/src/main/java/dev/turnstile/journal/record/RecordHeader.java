package dev.turnstile.journal.record;

import java.util.UUID;

/**
 * The header of a record that was read (see {@link RecordLayout}), with where it lies.
 *
 * @param index         the record's queue index in its shard
 * @param shard         the shard whose queue holds it
 * @param previousIndex the queue index of the thread's previous record, or {@link RecordLayout#NO_PREVIOUS}
 * @param previousShard the shard of the previous record ({@link RecordLayout#SAME_SHARD}: this one)
 */
public record RecordHeader(
        long index,
        int shard,
        RecordKind kind,
        byte encoding,
        int payloadLength,
        UUID threadId,
        long ordinal,
        long entrySequence,
        long timestampMillis,
        long previousIndex,
        int previousShard) {

    public boolean hasPrevious() {
        return previousIndex != RecordLayout.NO_PREVIOUS;
    }

    /** The shard of the previous record, resolved. */
    public int previousShardResolved() {
        return previousShard == RecordLayout.SAME_SHARD ? shard : previousShard;
    }
}
