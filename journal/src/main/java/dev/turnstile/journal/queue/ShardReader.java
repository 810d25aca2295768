package dev.turnstile.journal.queue;

import dev.turnstile.journal.record.CorruptRecordException;
import dev.turnstile.journal.record.JournalRecord;
import dev.turnstile.journal.record.RecordHeader;
import dev.turnstile.journal.record.RecordKind;
import dev.turnstile.journal.record.RecordLayout;
import java.util.UUID;
import java.util.function.Predicate;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Reads records of one shard's queue, by index or in order.
 *
 * <p>Threading: confined to the thread that opened it (a Chronicle tailer is). Counts the records it reads, so
 * tests can show a code path reads a bounded number of records whatever the thread's length.
 */
public final class ShardReader implements AutoCloseable {
    private final ExcerptTailer tailer;
    private final int shard;
    private final java.util.concurrent.atomic.LongAdder sharedCount;
    private final RollCycle rollCycle;
    private final int indexSpacing;
    /** Records of one thread read ahead by {@link #readBackward}, by queue index; refilled on a miss. */
    private final Long2ObjectHashMap<JournalRecord> window = new Long2ObjectHashMap<>();
    private long recordsRead;

    ShardReader(ChronicleQueue queue, int shard, java.util.concurrent.atomic.LongAdder sharedCount) {
        this.tailer = queue.createTailer();
        this.shard = shard;
        this.sharedCount = sharedCount;
        this.rollCycle = queue.rollCycle();
        this.indexSpacing = queue instanceof SingleChronicleQueue single ? single.indexSpacing()
                : rollCycle.defaultIndexSpacing();
    }

    public static ShardReader over(ChronicleQueue queue, int shard) {
        return new ShardReader(queue, shard, null);
    }

    /**
     * The record at a queue index.
     *
     * @throws CorruptRecordException when there is no valid record there
     */
    public JournalRecord read(long index) {
        JournalRecord record = decodeAt(index);
        counted();
        return record;
    }

    /**
     * The record at a queue index, for a reader walking one thread's chain backwards (newest first).
     *
     * <p>Why: Chronicle finds an index by jumping to the index entry at or before it (one every
     * {@code indexSpacing} records, 128 with our roll cycle) and scanning forward from there. A backward walk that
     * did that for every record scanned the same stretch over and over: reading a 1000-turn thread spent half its
     * time there. This reads the stretch once, from its index entry up to the record asked for, keeping the records
     * of {@code thread} (the thread the walk expects, or null) and the record asked for; the walk's next reads in
     * the stretch are served from memory. Records of other threads are passed over by their header alone.
     *
     * @throws CorruptRecordException when there is no valid record at {@code index}
     */
    public JournalRecord readBackward(long index, UUID thread) {
        JournalRecord cached = window.get(index);
        if (cached == null) {
            fillWindowUpTo(index, thread);
            cached = window.get(index);
            if (cached == null) {
                throw new CorruptRecordException("shard " + shard + " has no record at index "
                        + Long.toHexString(index));
            }
        }
        counted();
        return cached;
    }

    private void fillWindowUpTo(long index, UUID thread) {
        window.clear();
        long sequence = rollCycle.toSequenceNumber(index);
        long stretchStart = rollCycle.toIndex(rollCycle.toCycle(index), sequence - sequence % indexSpacing);
        if (!tailer.moveToIndex(stretchStart)) {
            window.put(index, decodeAt(index));
            return;
        }
        while (true) {
            try (DocumentContext document = tailer.readingDocument()) {
                if (!document.isPresent() || document.index() > index) {
                    return;
                }
                long at = document.index();
                if (at == index) {
                    window.put(at, decode(document, at));
                    return;
                }
                if (thread != null && isOfThread(document, thread)) {
                    try {
                        window.put(at, decode(document, at));
                    } catch (CorruptRecordException e) {
                        // Not the record asked for: if the walk needs it, it asks and gets the error then.
                    }
                }
            }
        }
    }

    private static boolean isOfThread(DocumentContext document, UUID thread) {
        Bytes<?> bytes = document.wire().bytes();
        long start = bytes.readPosition();
        return bytes.readRemaining() >= RecordLayout.HEADER_LENGTH
                && bytes.readLong(start + RecordLayout.THREAD_HIGH_OFFSET) == thread.getMostSignificantBits()
                && bytes.readLong(start + RecordLayout.THREAD_LOW_OFFSET) == thread.getLeastSignificantBits();
    }

    private JournalRecord decodeAt(long index) {
        if (!tailer.moveToIndex(index)) {
            throw new CorruptRecordException("shard " + shard + " has no record at index " + Long.toHexString(index));
        }
        try (DocumentContext document = tailer.readingDocument()) {
            if (!document.isPresent()) {
                throw new CorruptRecordException("shard " + shard + " has no record at index "
                        + Long.toHexString(index));
            }
            return decode(document, document.index());
        }
    }

    /**
     * Reads records in queue order from {@code fromIndex} (or the start when it is negative) while {@code visitor}
     * answers true.
     *
     * @return the number of records visited
     */
    public long scan(long fromIndex, Predicate<JournalRecord> visitor) {
        if (fromIndex < 0) {
            tailer.toStart();
        } else if (!tailer.moveToIndex(fromIndex)) {
            return 0;
        }
        long visited = 0;
        while (true) {
            JournalRecord record;
            try (DocumentContext document = tailer.readingDocument()) {
                if (!document.isPresent()) {
                    return visited;
                }
                record = decode(document, document.index());
            }
            counted();
            visited++;
            if (!visitor.test(record)) {
                return visited;
            }
        }
    }

    private JournalRecord decode(DocumentContext document, long index) {
        Bytes<?> bytes = document.wire().bytes();
        long start = bytes.readPosition();
        long available = bytes.readRemaining();
        if (available < RecordLayout.HEADER_LENGTH) {
            throw new CorruptRecordException(where(index) + ": only " + available + " bytes, shorter than a header");
        }
        short magic = bytes.readShort(start + RecordLayout.MAGIC_OFFSET);
        byte version = bytes.readByte(start + RecordLayout.VERSION_OFFSET);
        if (magic != RecordLayout.MAGIC || version != RecordLayout.VERSION) {
            throw new CorruptRecordException(where(index) + ": not a Turnstile record (magic "
                    + Integer.toHexString(magic & 0xFFFF) + ", version " + version + ")");
        }
        RecordKind kind = RecordKind.of(bytes.readByte(start + RecordLayout.KIND_OFFSET));
        if (kind == null) {
            throw new CorruptRecordException(where(index) + ": unknown record kind "
                    + bytes.readByte(start + RecordLayout.KIND_OFFSET));
        }
        int length = bytes.readInt(start + RecordLayout.PAYLOAD_LENGTH_OFFSET);
        if (length < 0 || length > available - RecordLayout.HEADER_LENGTH) {
            throw new CorruptRecordException(where(index) + ": payload length " + length + " exceeds the record");
        }
        RecordHeader header = new RecordHeader(index, shard, kind,
                bytes.readByte(start + RecordLayout.ENCODING_OFFSET), length,
                new UUID(bytes.readLong(start + RecordLayout.THREAD_HIGH_OFFSET),
                        bytes.readLong(start + RecordLayout.THREAD_LOW_OFFSET)),
                bytes.readLong(start + RecordLayout.ORDINAL_OFFSET),
                bytes.readLong(start + RecordLayout.ENTRY_SEQUENCE_OFFSET),
                bytes.readLong(start + RecordLayout.TIMESTAMP_OFFSET),
                bytes.readLong(start + RecordLayout.PREVIOUS_INDEX_OFFSET),
                bytes.readInt(start + RecordLayout.PREVIOUS_SHARD_OFFSET));
        byte[] payload = new byte[length];
        bytes.read(start + RecordLayout.HEADER_LENGTH, payload, 0, length);
        return new JournalRecord(header, payload);
    }

    /** Counts a record handed to a caller (read ahead records count when they are asked for). */
    private void counted() {
        recordsRead++;
        if (sharedCount != null) {
            sharedCount.increment();
        }
    }

    private String where(long index) {
        return "shard " + shard + " index " + Long.toHexString(index);
    }

    /** How many records this reader has decoded. */
    public long recordsRead() {
        return recordsRead;
    }

    @Override
    public void close() {
        tailer.close();
    }
}
