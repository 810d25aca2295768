package dev.turnstile.journal.record;

/**
 * The binary layout of a journal record, as one Chronicle Queue document. All numbers little-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+---------------+---------------+
 *  |          Magic 'T''S'         |  Version (1)  |     Kind      |
 *  +---------------+---------------+---------------+---------------+
 *  |   Encoding    |   Reserved    |        Flags (unused, 0)      |
 *  +---------------+---------------+-------------------------------+
 *  |                     Payload length (bytes)                    |
 *  +---------------------------------------------------------------+
 *  |                 Previous record's shard, or -1                |
 *  +---------------------------------------------------------------+
 *  |                 Thread id: UUID, high 64 bits                 |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Thread id: UUID, low 64 bits                  |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |      Thread ordinal: 0, 1, 2, ... over the thread's records   |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |   Entry sequence: the per-thread sequence being applied       |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Timestamp, epoch milliseconds                |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |   Previous record of the same thread: its queue index, or -1  |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    Payload (UTF-8 JSON) ...                 ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Why each field is there:
 * <ul>
 *   <li>The <b>previous-record pointer</b> chains a thread's records backwards through a shard queue that
 *       interleaves many threads, so reading one thread (resume, rollback, replay) never scans the others. A
 *       fork's first record points into its parent's chain, possibly in another shard: forks copy nothing.</li>
 *   <li>The <b>thread ordinal</b> numbers a thread's records without gaps (the conformance suite checks it).</li>
 *   <li>The <b>entry sequence</b> and <b>timestamp</b> come from the sequenced entry that produced the record,
 *       never the wall clock, so a replay reproduces them.</li>
 *   <li>A record is one Chronicle document: it is written whole or not at all, so the journal never tears.</li>
 * </ul>
 */
public final class RecordLayout {
    public static final short MAGIC = 0x5354; // "TS" read little-endian
    public static final byte VERSION = 1;
    /** Payload encodings. */
    public static final byte ENCODING_JSON = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 2;
    public static final int KIND_OFFSET = 3;
    public static final int ENCODING_OFFSET = 4;
    public static final int FLAGS_OFFSET = 6;
    public static final int PAYLOAD_LENGTH_OFFSET = 8;
    public static final int PREVIOUS_SHARD_OFFSET = 12;
    public static final int THREAD_HIGH_OFFSET = 16;
    public static final int THREAD_LOW_OFFSET = 24;
    public static final int ORDINAL_OFFSET = 32;
    public static final int ENTRY_SEQUENCE_OFFSET = 40;
    public static final int TIMESTAMP_OFFSET = 48;
    public static final int PREVIOUS_INDEX_OFFSET = 56;
    public static final int HEADER_LENGTH = 64;

    /** "No previous record": the first record of a thread that was not forked. */
    public static final long NO_PREVIOUS = -1;
    /** The previous record lies in this record's own shard. */
    public static final int SAME_SHARD = -1;

    private RecordLayout() {
    }
}
