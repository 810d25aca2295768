package dev.turnstile.journal.record;

/** What a journal record holds. The byte value is stored in the record header and must never change. */
public enum RecordKind {
    /** A thread was created: its id, shard and initial settings. The first record of every thread. */
    THREAD_STARTED(1),
    /** A sequenced entry the session applied: a client's submission or an internal command. */
    ENTRY(2),
    /** A rollout item the session recorded (session meta, response item, turn context, compaction, event). */
    ROLLOUT(3),
    /** A snapshot of the session's small state at a turn boundary, so resume reads no further back. */
    CHECKPOINT(4),
    /**
     * The first record of a forked thread (instead of THREAD_STARTED): what it was created with, and its chain
     * continues into the parent's records up to the fork point, so its history is shared, not copied.
     */
    FORK(5),
    /** The thread ended (shutdown or channel closed). */
    THREAD_CLOSED(6);

    private static final RecordKind[] BY_CODE = new RecordKind[8];

    static {
        for (RecordKind kind : values()) {
            BY_CODE[kind.code] = kind;
        }
    }

    private final byte code;

    RecordKind(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** The kind with this code, or null for a code this version does not know. */
    public static RecordKind of(byte code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
