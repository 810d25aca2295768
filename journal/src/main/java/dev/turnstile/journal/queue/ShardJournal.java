package dev.turnstile.journal.queue;

import dev.turnstile.journal.record.PayloadWriter;
import dev.turnstile.journal.record.RecordKind;
import dev.turnstile.journal.record.RecordLayout;
import java.io.IOException;
import java.nio.ByteOrder;
import org.agrona.concurrent.UnsafeBuffer;
import java.io.OutputStream;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * One shard's journal: a Chronicle queue under {@code <data>/journal/shard-N/} that only the shard's dispatch
 * thread appends to.
 *
 * <p>Threading: {@link #append} and {@link #flush} are called by exactly one thread, the shard's dispatch thread
 * (Chronicle's appender is confined to the thread that first uses it). Readers ({@link #openReader}) are separate
 * objects, each confined to the thread that opened it; any number may read while the writer appends.
 */
public final class ShardJournal implements AutoCloseable {
    /** How far ahead of the write position the end of a batch keeps the queue file's pages faulted in. */
    static final long PRETOUCH_AHEAD = 256 * 1024;
    /** At most this many pages are faulted in at one batch's end, so a batch end never stalls for long. */
    static final int PRETOUCH_PAGES_PER_BATCH = 8;
    private static final int PAGE = 4096;

    private final int shard;
    private final Path directory;
    private final Durability durability;
    private final ReadAhead readAhead;
    private final SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private boolean unsynced;
    private int lastPayloadLength;
    /** Payload writers get this: encoders such as Jackson close their target, which must not reach the queue. */
    private final KeepOpenOutputStream payloadOut = new KeepOpenOutputStream();
    /** The next record's header, laid out before it is copied in (used by the appending thread only). */
    private final byte[] headerBytes = new byte[RecordLayout.HEADER_LENGTH];
    private final UnsafeBuffer header = new UnsafeBuffer(headerBytes);
    /** The appender's bytes, kept from the last document, to pre-fault the pages after its end. */
    private Bytes<?> writeBytes;
    /** The mapped chunk pages were last pre-faulted in, and the file offset up to which they were. */
    private MappedBytesStore touchedStore;
    private long touchedThrough;
    private long pretouchedPages;
    /** Mapped chunks the kernel was told not to read ahead on ({@link ReadAheadAdvice}). */
    private long advisedChunks;

    private ShardJournal(int shard, Path directory, Durability durability, ReadAhead readAhead,
                         SingleChronicleQueue queue) {
        this.shard = shard;
        this.directory = directory;
        this.durability = durability;
        this.readAhead = readAhead;
        this.queue = queue;
    }

    /** Opens a shard's journal with the kernel's read-ahead ({@link ReadAhead#KERNEL}). */
    public static ShardJournal open(Path directory, int shard, Durability durability) {
        return open(directory, shard, durability, ReadAhead.KERNEL);
    }

    public static ShardJournal open(Path directory, int shard, Durability durability, ReadAhead readAhead) {
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(directory.toFile())
                .rollCycle(LargeRollCycles.LARGE_DAILY)
                .build();
        return new ShardJournal(shard, directory, durability, readAhead, queue);
    }

    /** As {@link #open}, with the queue file mapped in chunks of {@code blockSize} bytes (tests cross chunks). */
    static ShardJournal open(Path directory, int shard, Durability durability, ReadAhead readAhead, long blockSize) {
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(directory.toFile())
                .rollCycle(LargeRollCycles.LARGE_DAILY)
                .blockSize(blockSize)
                .build();
        return new ShardJournal(shard, directory, durability, readAhead, queue);
    }

    /** Opens a shard's queue for reading only (offline replay, rebuilding the index). */
    public static SingleChronicleQueue openReadOnly(Path directory) {
        return SingleChronicleQueueBuilder.single(directory.toFile()).rollCycle(LargeRollCycles.LARGE_DAILY)
                .readOnly(true).build();
    }

    public int shard() {
        return shard;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Appends one record; the whole record is one queue document, so it is either entirely in the journal or not
     * at all.
     *
     * @return the record's queue index
     */
    public long append(RecordKind kind, long threadHigh, long threadLow, long ordinal, long entrySequence,
                       long timestampMillis, long previousIndex, int previousShard, PayloadWriter payload)
            throws IOException {
        return appendRecord(kind, threadHigh, threadLow, ordinal, entrySequence, timestampMillis, previousIndex,
                previousShard, payload, null, null, null);
    }

    /**
     * Appends one record whose payload is {@code head}, {@code body} and {@code tail} back to back, copied straight
     * into the queue: the path for payloads already encoded (a client's submission encoded on the client's thread),
     * with no stream and no per-record object in between.
     *
     * @return the record's queue index
     */
    public long append(RecordKind kind, long threadHigh, long threadLow, long ordinal, long entrySequence,
                       long timestampMillis, long previousIndex, int previousShard, byte[] head, byte[] body,
                       byte[] tail) {
        try {
            return appendRecord(kind, threadHigh, threadLow, ordinal, entrySequence, timestampMillis, previousIndex,
                    previousShard, null, head, body, tail);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // unreachable: copying bytes does no I/O of its own
        }
    }

    /** One document: the header, then the payload from {@code streamed} or, without it, the three arrays. */
    private long appendRecord(RecordKind kind, long threadHigh, long threadLow, long ordinal, long entrySequence,
                              long timestampMillis, long previousIndex, int previousShard, PayloadWriter streamed,
                              byte[] head, byte[] body, byte[] tail) throws IOException {
        try (DocumentContext document = writingDocument()) {
            Bytes<?> bytes = document.wire().bytes();
            writeBytes = bytes;
            long start = writeHeader(bytes, kind, threadHigh, threadLow, ordinal, entrySequence, timestampMillis,
                    previousIndex, previousShard);
            long payloadStart = bytes.writePosition();
            try {
                if (streamed != null) {
                    payloadOut.target = bytes.outputStream();
                    streamed.writeTo(payloadOut);
                } else {
                    bytes.write(head);
                    bytes.write(body);
                    bytes.write(tail);
                }
            } catch (IOException | RuntimeException failure) {
                document.rollbackOnClose();
                throw failure;
            }
            patchPayloadLength(bytes, start, payloadStart);
        }
        unsynced = true;
        return appender.lastIndexAppended();
    }

    private DocumentContext writingDocument() {
        if (appender == null) {
            appender = queue.createAppender();
        }
        return appender.writingDocument();
    }

    /**
     * Writes the fixed header ({@link RecordLayout}) with a zero payload length; returns where the record starts.
     * The header is laid out in a reused array and copied in with one bounds check, rather than fifteen checked
     * writes into the mapped file.
     */
    private long writeHeader(Bytes<?> bytes, RecordKind kind, long threadHigh, long threadLow, long ordinal,
                             long entrySequence, long timestampMillis, long previousIndex, int previousShard) {
        UnsafeBuffer h = header;
        h.putShort(RecordLayout.MAGIC_OFFSET, RecordLayout.MAGIC, ByteOrder.LITTLE_ENDIAN);
        h.putByte(RecordLayout.VERSION_OFFSET, RecordLayout.VERSION);
        h.putByte(RecordLayout.KIND_OFFSET, kind.code());
        h.putByte(RecordLayout.ENCODING_OFFSET, RecordLayout.ENCODING_JSON);
        h.putByte(RecordLayout.ENCODING_OFFSET + 1, (byte) 0);
        h.putShort(RecordLayout.FLAGS_OFFSET, (short) 0, ByteOrder.LITTLE_ENDIAN);
        h.putInt(RecordLayout.PAYLOAD_LENGTH_OFFSET, 0, ByteOrder.LITTLE_ENDIAN); // patched after the payload
        h.putInt(RecordLayout.PREVIOUS_SHARD_OFFSET, previousShard, ByteOrder.LITTLE_ENDIAN);
        h.putLong(RecordLayout.THREAD_HIGH_OFFSET, threadHigh, ByteOrder.LITTLE_ENDIAN);
        h.putLong(RecordLayout.THREAD_LOW_OFFSET, threadLow, ByteOrder.LITTLE_ENDIAN);
        h.putLong(RecordLayout.ORDINAL_OFFSET, ordinal, ByteOrder.LITTLE_ENDIAN);
        h.putLong(RecordLayout.ENTRY_SEQUENCE_OFFSET, entrySequence, ByteOrder.LITTLE_ENDIAN);
        h.putLong(RecordLayout.TIMESTAMP_OFFSET, timestampMillis, ByteOrder.LITTLE_ENDIAN);
        h.putLong(RecordLayout.PREVIOUS_INDEX_OFFSET, previousIndex, ByteOrder.LITTLE_ENDIAN);
        long start = bytes.writePosition();
        bytes.write(headerBytes, 0, RecordLayout.HEADER_LENGTH);
        return start;
    }

    private void patchPayloadLength(Bytes<?> bytes, long start, long payloadStart) {
        lastPayloadLength = (int) (bytes.writePosition() - payloadStart);
        bytes.writeInt(start + RecordLayout.PAYLOAD_LENGTH_OFFSET, lastPayloadLength);
    }

    /** The payload size of the last record appended. */
    public int lastPayloadLength() {
        return lastPayloadLength;
    }

    /**
     * The end of a dispatch batch: with {@link Durability#SYNC}, the queue file is synced to the device now. Then the
     * next pages of the file are faulted in (see {@link #pretouchAhead}).
     */
    public void flush() {
        if (unsynced && durability == Durability.SYNC && appender != null) {
            appender.sync();
        }
        unsynced = false;
        pretouchAhead();
    }

    /**
     * Faults in the queue file's pages just after the write position, a few per batch, up to
     * {@link #PRETOUCH_AHEAD} ahead. The first write to a page of a memory-mapped file traps into the kernel, which
     * allocates and zeroes the page: a few microseconds, once every twenty-odd records, that would otherwise land on
     * whichever entry crosses into the page (the tail of the dispatch hop). Here it is paid after the batch, while
     * the ring is idle or between batches. With {@link ReadAhead#OFF}, each chunk it touches is first advised
     * against read-ahead, so a fault costs one page, not the kernel's read-ahead window.
     *
     * <p>Each page is touched with a compare-and-swap of zero for zero: it writes nothing where anything was
     * written, so it cannot damage a record, and it is done by the appending thread through the appender's own
     * mapping (the one later writes go through), within the mapped chunk the appender holds.
     */
    private void pretouchAhead() {
        Bytes<?> bytes = writeBytes;
        if (bytes == null || !(bytes.bytesStore() instanceof MappedBytesStore store)) {
            return;
        }
        long end = bytes.writePosition();
        if (store != touchedStore) {
            touchedStore = store; // a new chunk or a new cycle's file: start again from the write position
            touchedThrough = 0;
            if (readAhead == ReadAhead.OFF && ReadAheadAdvice.noReadAhead(store)) {
                advisedChunks++;
            }
        }
        long from = Math.max(touchedThrough, (end + PAGE) & -PAGE); // the page holding `end` is in use already
        long limit = Math.min(end + PRETOUCH_AHEAD, store.safeLimit());
        int pages = 0;
        for (long offset = from; offset + Integer.BYTES <= limit && pages < PRETOUCH_PAGES_PER_BATCH;
             offset += PAGE, pages++) {
            if (!store.inside(offset, Integer.BYTES)) {
                break;
            }
            store.compareAndSwapInt(offset, 0, 0);
            touchedThrough = offset + PAGE;
            pretouchedPages++;
        }
    }

    /** Pages faulted in ahead of the writer so far (read by the appending thread, or after it stopped). */
    long pretouchedPages() {
        return pretouchedPages;
    }

    /** Chunks advised against read-ahead so far (same threading as {@link #pretouchedPages}). */
    long advisedChunks() {
        return advisedChunks;
    }

    /** The file offset up to which pages were faulted in (same threading as {@link #pretouchedPages}). */
    long pretouchedThrough() {
        return touchedThrough;
    }

    /** A reader for the calling thread. */
    public ShardReader openReader() {
        return new ShardReader(queue, shard, null);
    }

    /** A reader for the calling thread that also adds the records it reads to {@code count}. */
    public ShardReader openReader(java.util.concurrent.atomic.LongAdder count) {
        return new ShardReader(queue, shard, count);
    }

    public SingleChronicleQueue queue() {
        return queue;
    }

    /** Forwards writes, ignores close: one instance per journal, used by its single writer thread. */
    private static final class KeepOpenOutputStream extends OutputStream {
        private OutputStream target;

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
        }

        @Override
        public void close() {
            // The document is closed by the journal, not by whoever wrote the payload.
        }
    }

    @Override
    public void close() {
        if (appender != null) {
            appender.close();
        }
        queue.close();
    }
}
