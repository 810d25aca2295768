package dev.turnstile.journal.store;

import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.SessionMeta;
import dev.turnstile.core.session.Command;
import dev.turnstile.core.session.CommandCodec;
import dev.turnstile.core.session.rollout.ThreadRollout;
import dev.turnstile.journal.index.ThreadEntry;
import dev.turnstile.journal.queue.ShardJournal;
import dev.turnstile.journal.record.PayloadWriter;
import dev.turnstile.journal.record.RecordKind;
import dev.turnstile.journal.record.RecordLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One thread's rollout in the journal. Every record it appends points at the thread's previous record, so the
 * thread's chain can be read back without touching other threads.
 *
 * <p>Entries (the commands applied) are journaled at once: an acknowledged submission is never lost. Rollout items
 * are buffered until the rollout is materialized (spec §2.1), then written after the session meta line.
 *
 * <p>Threading: used only by the dispatch thread of the shard hosting the thread.
 */
public final class JournalThreadRollout implements ThreadRollout {
    private record Buffered(RolloutItem item, long timestampMillis) {
    }

    private final ChronicleJournal journal;
    private final ShardJournal shard;
    private final ThreadEntry entry;
    private final UUID threadId;
    /** The id's two halves, kept here so an append reads no other object for them. */
    private final long threadHigh;
    private final long threadLow;
    /** Appends the entries: the shard's one writer (recording an entry allocates nothing of its own). */
    private final EntryWriter entries;
    private final SessionMeta meta;
    /**
     * Items recorded before materialization, or null when there are none: most threads never buffer anything, and a
     * list that exists only when needed is one object fewer to hold per idle thread and to touch per entry.
     */
    private List<Buffered> buffered;
    private long ordinal;
    private long previousIndex;
    private int previousShard;
    private long entrySequence;
    private boolean materialized;
    private boolean closed;
    /** The checkpoint the next one logically follows ({shard, index}), or null. */
    private long[] logicalCheckpoint;
    /** The newest configuration written inline, and where (a checkpoint), so later ones can point at it. */
    private dev.turnstile.core.session.SessionConfiguration lastConfiguration;
    private long[] lastConfigurationAt;
    /** The newest turn context line written or known, and where. */
    private dev.turnstile.core.protocol.rollout.TurnContextItem lastTurnContext;
    private long[] lastTurnContextAt;

    JournalThreadRollout(ChronicleJournal journal, ShardJournal shard, EntryWriter entries, ThreadEntry entry,
                         SessionMeta meta, long ordinal, int previousShard, long previousIndex, boolean materialized) {
        this.journal = journal;
        this.shard = shard;
        this.entries = entries;
        this.entry = entry;
        this.threadId = entry.id();
        this.threadHigh = threadId.getMostSignificantBits();
        this.threadLow = threadId.getLeastSignificantBits();
        this.meta = meta;
        this.ordinal = ordinal;
        this.previousShard = previousShard;
        this.previousIndex = previousIndex;
        this.materialized = materialized;
    }

    /** Writes a record of this thread and links it into the thread's chain. */
    public long write(RecordKind kind, long timestampMillis, PayloadWriter payload) {
        checkOpen();
        long index;
        try {
            index = shard.append(kind, threadHigh, threadLow, ordinal, entrySequence, timestampMillis, previousIndex,
                    previousLink(), payload);
        } catch (IOException e) {
            throw new JournalException("could not append a " + kind + " record of thread " + threadId + ": "
                    + e.getMessage(), e);
        }
        return linked(index, timestampMillis);
    }

    private void checkOpen() {
        if (closed) {
            throw new JournalException("thread " + threadId + " is closed; nothing more is written to it");
        }
    }

    private int previousLink() {
        return previousShard == shard.shard() ? RecordLayout.SAME_SHARD : previousShard;
    }

    private long linked(long index, long timestampMillis) {
        ordinal++;
        previousIndex = index;
        previousShard = shard.shard();
        entry.recorded(shard.shard(), index, shard.lastPayloadLength(), timestampMillis, entrySequence);
        return index;
    }

    /** Writes a rollout line exactly as given (an imported Codex line), keeping the index's counts right. */
    public long writeLine(byte[] line, dev.turnstile.core.protocol.rollout.RolloutItem item, long timestampMillis) {
        long index = write(RecordKind.ROLLOUT, timestampMillis, out -> out.write(line));
        if (item instanceof RolloutItem.SessionMetaLine) {
            materialized = true;
            entry.markMaterialized();
        } else if (item instanceof RolloutItem.EventMsgLine event && event.payload() instanceof EventMsg.TurnStarted) {
            entry.turnStarted();
        }
        return index;
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public void recordEntry(Command command, long threadSequence, long timestampMillis) {
        entrySequence = threadSequence;
        checkOpen();
        long index;
        try {
            index = entries.append(shard, threadHigh, threadLow, ordinal, entrySequence, timestampMillis,
                    previousIndex, previousLink(), command);
        } catch (IOException e) {
            throw new JournalException("could not append a " + RecordKind.ENTRY + " record of thread " + threadId
                    + ": " + e.getMessage(), e);
        }
        linked(index, timestampMillis);
    }

    @Override
    public void append(RolloutItem item, long timestampMillis) {
        if (!materialized) {
            if (buffered == null) {
                buffered = new ArrayList<>();
            }
            buffered.add(new Buffered(item, timestampMillis));
            return;
        }
        writeItem(item, timestampMillis);
    }

    private void writeItem(RolloutItem item, long timestampMillis) {
        long index = write(RecordKind.ROLLOUT, timestampMillis, out -> RolloutLines.write(item, timestampMillis, out));
        if (item instanceof RolloutItem.EventMsgLine line && line.payload() instanceof EventMsg.TurnStarted) {
            entry.turnStarted();
        } else if (item instanceof RolloutItem.TurnContextLine context) {
            lastTurnContext = context.payload();
            lastTurnContextAt = new long[] {shard.shard(), index};
        }
    }

    @Override
    public void materialize() {
        if (materialized) {
            return;
        }
        materialized = true;
        List<Buffered> waiting = buffered == null ? List.of() : buffered;
        buffered = null;
        long first = waiting.isEmpty() ? ChronicleJournal.parseMillis(meta.timestamp())
                : waiting.get(0).timestampMillis();
        writeItem(new RolloutItem.SessionMetaLine(meta), first);
        entry.markMaterialized();
        for (Buffered pending : waiting) {
            writeItem(pending.item(), pending.timestampMillis());
        }
    }

    @Override
    public boolean materialized() {
        return materialized;
    }

    @Override
    public long warm() {
        return ordinal + previousIndex + (buffered == null ? 0 : 1) + entry.warm();
    }

    @Override
    public boolean flushPending() {
        return buffered != null;
    }

    @Override
    public void flush() {
        if (buffered != null) {
            materialize();
        }
        shard.flush();
    }

    @Override
    public List<RolloutItem> load() {
        List<RolloutItem> items = journal.readRollout(threadId, previousShard, previousIndex);
        if (buffered != null) {
            for (Buffered pending : buffered) {
                items.add(pending.item());
            }
        }
        return items;
    }

    /**
     * Sets the checkpoint the thread's next checkpoint follows (resume, fork), and what it says, so the next
     * checkpoint can point at its configuration and reference instead of repeating them.
     */
    void followCheckpoint(long[] position, ChronicleJournal.ResolvedCheckpoint resolved) {
        logicalCheckpoint = position;
        lastConfiguration = resolved.checkpoint().configuration();
        lastConfigurationAt = resolved.configurationAt();
        lastTurnContext = resolved.checkpoint().referenceContext();
        lastTurnContextAt = resolved.referenceAt();
    }

    @Override
    public void checkpoint(dev.turnstile.core.session.rollout.Checkpoint checkpoint, long timestampMillis) {
        boolean configurationKnown = lastConfigurationAt != null
                && java.util.Objects.equals(checkpoint.configuration(), lastConfiguration);
        boolean referenceKnown = lastTurnContextAt != null && checkpoint.referenceContext() != null
                && checkpoint.referenceContext().equals(lastTurnContext);
        dev.turnstile.core.session.rollout.Checkpoint stored = new dev.turnstile.core.session.rollout.Checkpoint(
                configurationKnown ? null : checkpoint.configuration(), checkpoint.tokenInfo(),
                referenceKnown ? null : checkpoint.referenceContext(), checkpoint.previousTurnSettings(),
                checkpoint.memoryMode(), checkpoint.historyLength(), checkpoint.historyTokens(), checkpoint.userTurns(),
                checkpoint.lastUserText(), checkpoint.trailingContextUpdates(), checkpoint.trailingContextTokens(),
                checkpoint.samplingCount(), checkpoint.turnId(), checkpoint.userTurn(), checkpoint.compaction());
        CheckpointPayload payload = new CheckpointPayload(stored, logicalCheckpoint,
                configurationKnown ? lastConfigurationAt : null, referenceKnown ? lastTurnContextAt : null);
        long index = write(RecordKind.CHECKPOINT, timestampMillis,
                out -> CommandCodec.shared().writeValue(payload, out));
        logicalCheckpoint = new long[] {shard.shard(), index};
        if (!configurationKnown) {
            lastConfiguration = checkpoint.configuration();
            lastConfigurationAt = logicalCheckpoint;
        }
        entry.checkpointed(shard.shard(), index);
    }

    @Override
    public dev.turnstile.core.session.rollout.Checkpoint checkpointBeforeUserTurns(long userTurns) {
        ChronicleJournal.ResolvedCheckpoint target = journal.checkpointBefore(logicalCheckpoint, userTurns);
        if (target == null) {
            return null;
        }
        followCheckpoint(target.position(), target);
        return target.checkpoint();
    }

    @Override
    public java.util.function.Supplier<List<dev.turnstile.core.protocol.item.ResponseItem>> historyLoader() {
        int headShard = previousShard;
        long headIndex = previousIndex;
        return () -> journal.rebuildHistory(threadId, headShard, headIndex);
    }

    @Override
    public String location() {
        return journal.describeThread(threadId);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush();
        write(RecordKind.THREAD_CLOSED, entry.lastActivityMillis(), out -> out.write("{}".getBytes()));
        entry.markClosed(true);
        shard.flush();
        closed = true;
    }

    @Override
    public void release() {
        shard.flush();
    }
}
