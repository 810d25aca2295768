package dev.turnstile.journal.index;

import java.util.UUID;

/**
 * What the index knows of one thread: where its records are (the head of its chain, so reading it never scans
 * other threads), how many there are, its turns and last activity.
 *
 * <p>Threading: written by one thread at a time — the dispatch thread of the shard hosting the thread, or the
 * index builder before the pipeline starts — and read by anyone (transports, {@code replay}); the fields are
 * volatile, so a reader sees each field's latest value, and at worst a head one record older than the count.
 */
public final class ThreadEntry {
    private final UUID id;
    private volatile int startShard;
    private volatile long startIndex = -1;
    private volatile int headShard;
    private volatile long headIndex = -1;
    private volatile long records;
    private volatile long payloadBytes;
    private volatile long turns;
    private volatile long createdAtMillis;
    private volatile long lastActivityMillis;
    private volatile long lastEntrySequence;
    private volatile boolean materialized;
    private volatile boolean closed;
    private volatile String forkedFromId;
    private volatile int checkpointShard = -1;
    private volatile long checkpointIndex = -1;

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
    }

    public void turnStarted() {
        turns++;
    }

    /** Sets the turn count after the thread's history was replaced (a revert segment was imported). */
    public void setTurns(long count) {
        turns = count;
    }

    public void markMaterialized() {
        materialized = true;
    }

    public void markClosed(boolean isClosed) {
        closed = isClosed;
    }

    /** The thread's newest checkpoint is at this record. */
    public void checkpointed(int shard, long index) {
        checkpointShard = shard;
        checkpointIndex = index;
    }

    public boolean hasCheckpoint() {
        return checkpointIndex >= 0;
    }

    public int checkpointShard() {
        return checkpointShard;
    }

    public long checkpointIndex() {
        return checkpointIndex;
    }

    public void forkedFrom(String parentId) {
        forkedFromId = parentId;
    }

    public int startShard() {
        return startShard;
    }

    public long startIndex() {
        return startIndex;
    }

    public int headShard() {
        return headShard;
    }

    public long headIndex() {
        return headIndex;
    }

    public long records() {
        return records;
    }

    public long payloadBytes() {
        return payloadBytes;
    }

    public long turns() {
        return turns;
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }

    public long lastActivityMillis() {
        return lastActivityMillis;
    }

    public long lastEntrySequence() {
        return lastEntrySequence;
    }

    public boolean materialized() {
        return materialized;
    }

    public boolean closed() {
        return closed;
    }

    public String forkedFromId() {
        return forkedFromId;
    }

    /** The persisted form. */
    public Snapshot snapshot() {
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
