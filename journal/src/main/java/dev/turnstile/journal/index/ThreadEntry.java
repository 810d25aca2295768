package dev.turnstile.journal.index;

import java.util.UUID;

/**
 * What the index knows of one thread: where its records are (the head of its chain, so reading it never scans
 * other threads), how many there are, its turns and last activity.
 *
 * <p>Threading: written by one thread at a time — the dispatch thread of the shard hosting the thread, or the
 * index builder before the pipeline starts — and read by anyone (transports, {@code replay}); the fields are
 * plain except {@code published}, which the writer stores last (a release store) and a reader loads first (an
 * acquire load): what the writer did before its last publication is then visible. Appending a record costs one
 * release store (no fence on x86), not one volatile store per field.
 */
public final class ThreadEntry {
    private final UUID id;
    private int startShard;
    private long startIndex = -1;
    private int headShard;
    private long headIndex = -1;
    private long records;
    private long payloadBytes;
    private long turns;
    private long createdAtMillis;
    private long lastActivityMillis;
    private long lastEntrySequence;
    private boolean materialized;
    private boolean closed;
    private String forkedFromId;
    private int checkpointShard = -1;
    private long checkpointIndex = -1;
    /** Written last by every change, read first by every reader (see the class comment). */
    private long published;
    private static final java.lang.invoke.VarHandle PUBLISHED;

    static {
        try {
            PUBLISHED = java.lang.invoke.MethodHandles.lookup().findVarHandle(ThreadEntry.class, "published", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * A release store: the plain writes before it are visible to a reader whose {@link #acquire} sees it. Not a
     * volatile store: the writer, a dispatch thread appending records, pays no store-load fence per record.
     */
    private void publish() {
        PUBLISHED.setRelease(this, published + 1); // the single writer reads its own last value plainly
    }

    private void acquire() {
        long ignored = (long) PUBLISHED.getAcquire(this);
    }

    public ThreadEntry(UUID id) {
        this.id = id;
    }

    public UUID id() {
        return id;
    }

    /** Called for every record appended to (or scanned for) this thread, in order. */
    public void recorded(int shard, long index, long payloadLength, long timestampMillis, long entrySequence) {
        if (startIndex < 0) {
            startShard = shard;
            startIndex = index;
            createdAtMillis = timestampMillis;
        }
        headShard = shard;
        headIndex = index;
        records++;
        payloadBytes += payloadLength;
        lastActivityMillis = Math.max(lastActivityMillis, timestampMillis);
        lastEntrySequence = Math.max(lastEntrySequence, entrySequence);
        publish();
    }

    /** A plain read of the fields an append updates, by the writer, to have them in cache before it appends. */
    public long warm() {
        return records + published + headShard; // both ends of the object: it spans two or three cache lines
    }

    public void turnStarted() {
        turns++;
        publish();
    }

    /** Sets the turn count after the thread's history was replaced (a revert segment was imported). */
    public void setTurns(long count) {
        turns = count;
        publish();
    }

    public void markMaterialized() {
        materialized = true;
        publish();
    }

    public void markClosed(boolean isClosed) {
        closed = isClosed;
        publish();
    }

    /** The thread's newest checkpoint is at this record. */
    public void checkpointed(int shard, long index) {
        checkpointShard = shard;
        checkpointIndex = index;
        publish();
    }

    public boolean hasCheckpoint() {
        acquire();
        return checkpointIndex >= 0;
    }

    public int checkpointShard() {
        acquire();
        return checkpointShard;
    }

    public long checkpointIndex() {
        acquire();
        return checkpointIndex;
    }

    public void forkedFrom(String parentId) {
        forkedFromId = parentId;
        publish();
    }

    public int startShard() {
        acquire();
        return startShard;
    }

    public long startIndex() {
        acquire();
        return startIndex;
    }

    public int headShard() {
        acquire();
        return headShard;
    }

    public long headIndex() {
        acquire();
        return headIndex;
    }

    public long records() {
        acquire();
        return records;
    }

    public long payloadBytes() {
        acquire();
        return payloadBytes;
    }

    public long turns() {
        acquire();
        return turns;
    }

    public long createdAtMillis() {
        acquire();
        return createdAtMillis;
    }

    public long lastActivityMillis() {
        acquire();
        return lastActivityMillis;
    }

    public long lastEntrySequence() {
        acquire();
        return lastEntrySequence;
    }

    public boolean materialized() {
        acquire();
        return materialized;
    }

    public boolean closed() {
        acquire();
        return closed;
    }

    public String forkedFromId() {
        acquire();
        return forkedFromId;
    }

    /** The persisted form. */
    public Snapshot snapshot() {
        acquire();
        return new Snapshot(id.toString(), startShard, startIndex, headShard, headIndex, records, payloadBytes, turns,
                createdAtMillis, lastActivityMillis, lastEntrySequence, materialized, closed, forkedFromId,
                checkpointShard, checkpointIndex);
    }

    static ThreadEntry restore(Snapshot s) {
        ThreadEntry entry = new ThreadEntry(UUID.fromString(s.id()));
        entry.startShard = s.startShard();
        entry.startIndex = s.startIndex();
        entry.headShard = s.headShard();
        entry.headIndex = s.headIndex();
        entry.records = s.records();
        entry.payloadBytes = s.payloadBytes();
        entry.turns = s.turns();
        entry.createdAtMillis = s.createdAtMillis();
        entry.lastActivityMillis = s.lastActivityMillis();
        entry.lastEntrySequence = s.lastEntrySequence();
        entry.materialized = s.materialized();
        entry.closed = s.closed();
        entry.forkedFromId = s.forkedFromId();
        entry.checkpointShard = s.checkpointShard();
        entry.checkpointIndex = s.checkpointIndex();
        return entry;
    }

    /** A thread's entry as the index file stores it. */
    public record Snapshot(String id, int startShard, long startIndex, int headShard, long headIndex, long records,
                           long payloadBytes, long turns, long createdAtMillis, long lastActivityMillis,
                           long lastEntrySequence, boolean materialized, boolean closed, String forkedFromId,
                           int checkpointShard, long checkpointIndex) {
    }
}
