package dev.turnstile.journal.store;

import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.SessionMeta;
import dev.turnstile.core.session.CommandCodec;
import dev.turnstile.core.session.ThreadSpec;
import dev.turnstile.core.session.rollout.RolloutFilter;
import dev.turnstile.core.session.rollout.RolloutStore;
import dev.turnstile.core.session.rollout.SelectedRollout;
import dev.turnstile.core.session.rollout.ThreadRollout;
import dev.turnstile.journal.index.IndexBuilder;
import dev.turnstile.journal.index.IndexFile;
import dev.turnstile.journal.index.ThreadEntry;
import dev.turnstile.journal.index.ThreadIndex;
import dev.turnstile.journal.lock.DataDirectoryLock;
import dev.turnstile.journal.queue.ReadAhead;
import dev.turnstile.journal.queue.ShardJournal;
import dev.turnstile.journal.queue.ShardReader;
import dev.turnstile.journal.record.JournalRecord;
import dev.turnstile.journal.record.RecordKind;
import dev.turnstile.journal.record.RecordLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.collections.LongArrayList;

/**
 * The rollout journal on Chronicle Queue: one queue per shard under {@code <data>/journal/shard-N/}, the thread
 * index, and the data directory's lock. It is the core's {@link RolloutStore}.
 *
 * <p>Threading: {@link #open(ThreadSpec, SessionMeta, int)} and the rollouts it returns are used by the dispatch
 * thread of that shard only. Reading methods may be called from any thread (each thread reads through its own
 * Chronicle tailers). {@link #close} is called once, after the dispatch threads stopped.
 */
public final class ChronicleJournal implements RolloutStore, AutoCloseable {
    private final JournalConfig config;
    private final DataDirectoryLock lock;
    private final List<ShardJournal> shards;
    /**
     * One entry writer per shard, used by that shard's dispatch thread for every thread it hosts (a writer per
     * thread would be two more objects per idle thread, and one more to load per entry).
     */
    private final List<EntryWriter> entryWriters;
    private final ThreadIndex index;
    private final IndexBuilder.Result opened;
    private final ThreadLocal<ShardReader[]> readers;
    private final List<ShardReader> allReaders = Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.LongAdder recordsRead = new java.util.concurrent.atomic.LongAdder();

    private ChronicleJournal(JournalConfig config, DataDirectoryLock lock, List<ShardJournal> shards,
                             IndexBuilder.Result opened) {
        this.config = config;
        this.lock = lock;
        this.shards = shards;
        this.entryWriters = shards.stream().map(shard -> new EntryWriter()).toList();
        this.opened = opened;
        this.index = opened.index();
        this.readers = ThreadLocal.withInitial(() -> new ShardReader[shards.size()]);
    }

    /**
     * Opens (or creates) the journal of a data directory: takes its lock, opens every shard queue, loads the
     * thread index and scans what it does not cover.
     *
     * @param progress told how many records the index scan has read (a rebuild can take a while)
     * @throws dev.turnstile.journal.lock.DataDirectoryInUseException when another process has the directory
     */
    public static ChronicleJournal open(JournalConfig config, LongConsumer progress) throws IOException {
        DataDirectoryLock lock = DataDirectoryLock.acquire(config.dataDirectory(), config.purpose());
        List<ShardJournal> shards = new ArrayList<>();
        try {
            int count = Math.max(config.shards(), existingShards(config.dataDirectory()));
            for (int shard = 0; shard < count; shard++) {
                shards.add(ShardJournal.open(config.shardDirectory(shard), shard, config.durability(),
                        config.readAhead()));
            }
            List<SingleChronicleQueue> queues = shards.stream().map(ShardJournal::queue).toList();
            IndexBuilder.Result opened = IndexBuilder.open(config.dataDirectory(), queues, progress);
            return new ChronicleJournal(config, lock, shards, opened);
        } catch (IOException | RuntimeException e) {
            shards.forEach(ShardJournal::close);
            lock.close();
            throw e;
        }
    }

    /** How many {@code shard-N} directories the journal already has. */
    static int existingShards(Path dataDirectory) throws IOException {
        Path journal = dataDirectory.resolve("journal");
        if (!Files.isDirectory(journal)) {
            return 0;
        }
        try (Stream<Path> dirs = Files.list(journal)) {
            return dirs.map(p -> p.getFileName().toString()).filter(n -> n.matches("shard-\\d+"))
                    .mapToInt(n -> Integer.parseInt(n.substring("shard-".length()) ) + 1).max().orElse(0);
        }
    }

    @Override
    public ThreadRollout open(ThreadSpec spec, SessionMeta meta, int shard) {
        return begin(spec, spec, meta, shard, null, null, null);
    }

    /** Flushes the shard's journal once for the whole batch (with {@code Durability.SYNC}, syncs it). */
    @Override
    public void endOfBatch(int shard) {
        shards.get(shard).flush();
    }

    /**
     * Writes a thread's first record and returns its writer: THREAD_STARTED for a new thread, or FORK — whose chain
     * continues into the parent at {@code base} — for a fork (live, or an imported Codex fork child).
     *
     * @param spec       the thread's id and settings
     * @param stored     what the record keeps of them: {@code spec}, or null for a fork that inherits its settings
     * @param parentId   the parent, for a fork; null otherwise
     * @param base       {shard, index} of the parent's record the fork continues from; null for a new thread
     * @param checkpoint {shard, index} of the parent's checkpoint the fork starts from, or null
     */
    private JournalThreadRollout begin(ThreadSpec spec, ThreadSpec stored, SessionMeta meta, int shard,
                                       String parentId, long[] base, long[] checkpoint) {
        UUID id = threadUuid(spec.threadId());
        ThreadEntry entry = index.entry(id);
        if (entry.records() > 0) {
            throw new JournalException("thread " + id + " is already in the journal");
        }
        JournalThreadRollout rollout = new JournalThreadRollout(this, shards.get(shard), entryWriters.get(shard), entry, meta, 0,
                base == null ? shard : (int) base[0], base == null ? RecordLayout.NO_PREVIOUS : base[1], false);
        ThreadStartedPayload.ForkPoint fork = base == null ? null
                : new ThreadStartedPayload.ForkPoint(parentId, (int) base[0], base[1], checkpoint);
        long created = meta.timestamp() == null ? 0 : parseMillis(meta.timestamp());
        rollout.write(base == null ? RecordKind.THREAD_STARTED : RecordKind.FORK, created,
                out -> CommandCodec.shared().writeValue(new ThreadStartedPayload(stored, meta, fork), out));
        if (base != null) {
            entry.forkedFrom(parentId);
        }
        if (checkpoint != null) {
            entry.checkpointed((int) checkpoint[0], checkpoint[1]);
        }
        return rollout;
    }

    @Override
    public ResumedRollout fork(String parentId, String lastTurnId, ThreadSpec child, boolean inheritConfiguration,
                               SessionMeta meta, int shard) {
        ThreadEntry parent = index.find(parentId);
        if (parent == null || !parent.materialized()) {
            throw new IllegalArgumentException("no rollout found for thread id " + parentId);
        }
        if (parent.hasCheckpoint()) {
            ResumedRollout viaCheckpoint = forkAtCheckpoint(parent, lastTurnId, child, inheritConfiguration, meta,
                    shard);
            if (viaCheckpoint != null) {
                return viaCheckpoint;
            }
        }
        long[] point = forkPoint(parent, lastTurnId);
        // Read the parent's history whole first: a damaged parent fails here, before the child exists.
        List<RolloutItem> items = readRollout(parent.id(), (int) point[0], point[1]);
        JournalThreadRollout rollout = begin(child, child, meta, shard, parentId, point, null);
        return new ResumedRollout(child, items, rollout);
    }

    /**
     * A fork that reads a bounded number of records: the parent's checkpoint at the fork point (found by walking
     * its checkpoints back to {@code lastTurnId}, or its newest one plus the records after it for a fork from the
     * head). The child's history is the parent's, loaded only when needed. Null when the parent's checkpoints do
     * not reach back to that turn (then the caller reads the rollout).
     */
    private ResumedRollout forkAtCheckpoint(ThreadEntry parent, String lastTurnId, ThreadSpec child,
                                            boolean inheritConfiguration, SessionMeta meta, int shard) {
        long[] checkpoint = {parent.checkpointShard(), parent.checkpointIndex()};
        long[] point;
        List<RolloutItem> tail;
        if (lastTurnId == null) {
            point = new long[] {parent.headShard(), parent.headIndex()};
            tail = readRolloutAfter(parent, checkpoint);
        } else {
            CheckpointPayload walked = readCheckpointPayload(checkpoint);
            while (!lastTurnId.equals(walked.checkpoint().turnId())) {
                if (walked.previous() == null) {
                    return null;
                }
                checkpoint = walked.previous();
                walked = readCheckpointPayload(checkpoint);
            }
            point = checkpoint;
            tail = List.of();
        }
        ResolvedCheckpoint state = readCheckpoint(checkpoint);
        SessionMeta childMeta = meta;
        if (inheritConfiguration && state.checkpoint().configuration() != null) {
            // The child works where its parent did.
            childMeta = new SessionMeta(meta.id(), meta.forkedFromId(), meta.timestamp(),
                    state.checkpoint().configuration().cwd(), meta.originator(), meta.cliVersion(), meta.source(),
                    meta.threadSource(), meta.agentNickname(), meta.agentRole(), meta.agentPath(),
                    meta.modelProvider(), meta.baseInstructions(), meta.dynamicTools(), meta.memoryMode(), meta.git(),
                    meta.unknownFields());
        }
        JournalThreadRollout rollout = begin(child, inheritConfiguration ? null : child, childMeta, shard,
                parent.id().toString(), point, checkpoint);
        rollout.followCheckpoint(checkpoint, state);
        UUID parentId = parent.id();
        long[] at = point;
        return new ResumedRollout(child, state.checkpoint(), tail,
                () -> rebuildHistory(parentId, (int) at[0], at[1]), rollout);
    }

    // ---- import -------------------------------------------------------------------------------------

    /**
     * Starts a thread being imported: a THREAD_STARTED record, or — when it continues another thread's history (a
     * Codex fork child) — a FORK record whose chain points at {@code base}. Returns the writer for its lines.
     *
     * @param base the record the thread's history continues from ({@code {shard, index}}), or null
     */
    public JournalThreadRollout importThread(ThreadSpec spec, SessionMeta meta, int shard, long[] base,
                                             String parentId) {
        return begin(spec, spec, meta, shard, parentId, base, null);
    }

    /**
     * Continues an existing thread from one of its older records (a Codex revert segment): the new records' chain
     * skips everything after {@code base}, which stays in the queue but is no longer the thread's history.
     */
    public JournalThreadRollout continueThreadFrom(String threadId, int shard, long[] base) {
        ThreadEntry entry = index.find(threadId);
        if (entry == null) {
            throw new JournalException("no thread `" + threadId + "` in the journal");
        }
        entry.markClosed(false);
        return new JournalThreadRollout(this, shards.get(shard), entryWriters.get(shard), entry, null, entry.records(), (int) base[0], base[1],
                true);
    }

    /**
     * The record of a thread's rollout line with the given Codex {@code ordinal}, searched back from its head.
     *
     * @return {shard, index}, or null when the thread has no such line
     */
    public long[] findLineOrdinal(String threadId, long ordinal) {
        ThreadEntry entry = index.find(threadId);
        if (entry == null) {
            return null;
        }
        long[] found = null;
        long[] result = {-1, -1};
        walkBack(entry.headShard(), entry.headIndex(), record -> {
            if (record.kind() == RecordKind.ROLLOUT && record.header().threadId().equals(entry.id())) {
                Long lineOrdinal = RolloutLines.read(record.payload()).ordinal();
                if (lineOrdinal != null && lineOrdinal == ordinal) {
                    result[0] = record.header().shard();
                    result[1] = record.header().index();
                    return false;
                }
            }
            return true;
        });
        if (result[1] >= 0) {
            found = result;
        }
        return found;
    }

    /** Recounts a thread's turns along its current chain (after an import replaced part of its history). */
    public void recountTurns(String threadId) {
        ThreadEntry entry = index.find(threadId);
        long[] turns = {0};
        walkBack(entry.headShard(), entry.headIndex(), record -> {
            if (record.kind() == RecordKind.ROLLOUT && RolloutLines.read(record.payload()).item()
                    instanceof RolloutItem.EventMsgLine line
                    && line.payload() instanceof dev.turnstile.core.protocol.event.EventMsg.TurnStarted) {
                turns[0]++;
            }
            return true;
        });
        entry.setTurns(turns[0]);
    }

    static long parseMillis(String timestamp) {
        try {
            return Instant.parse(timestamp).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return 0;
        }
    }

    /**
     * Where a fork branches off: the parent's newest record, or the record that ends turn {@code lastTurnId}
     * ({@code task_complete} or {@code turn_aborted}), found walking back from the head.
     *
     * @return {shard, index}
     */
    private long[] forkPoint(ThreadEntry parent, String lastTurnId) {
        if (lastTurnId == null) {
            return new long[] {parent.headShard(), parent.headIndex()};
        }
        long[] found = {-1, -1};
        walkBack(parent.headShard(), parent.headIndex(), record -> {
            if (record.kind() == RecordKind.ROLLOUT && endsTurn(record, lastTurnId)) {
                found[0] = record.header().shard();
                found[1] = record.header().index();
                return false;
            }
            return true;
        });
        if (found[1] < 0) {
            throw new IllegalArgumentException("turn not found: " + lastTurnId);
        }
        return found;
    }

    private static boolean endsTurn(JournalRecord record, String turnId) {
        String text = record.payloadText();
        if (!text.contains(turnId)) {
            return false; // cheap filter before decoding
        }
        RolloutItem item = RolloutLines.read(record.payload()).item();
        return item instanceof RolloutItem.EventMsgLine line
                && (line.payload() instanceof dev.turnstile.core.protocol.event.EventMsg.TurnComplete complete
                && complete.turnId().equals(turnId)
                || line.payload() instanceof dev.turnstile.core.protocol.event.EventMsg.TurnAborted aborted
                && turnId.equals(aborted.turnId()));
    }

    @Override
    public StoredThread find(String threadId) {
        ThreadEntry entry = index.find(threadId);
        if (entry == null || entry.records() == 0) {
            return null;
        }
        return new StoredThread(entry.headShard(), entry.lastEntrySequence(), entry.materialized());
    }

    @Override
    public List<RolloutItem> read(String threadId) {
        ThreadEntry entry = index.find(threadId);
        if (entry == null || entry.records() == 0) {
            return null;
        }
        return readRollout(entry.id(), entry.headShard(), entry.headIndex());
    }

    /**
     * Decodes only the lines the filter wants, told by their tags ({@link RolloutTags}): a reader of a few kinds of
     * events skips the JSON of most of a long thread.
     */
    @Override
    public SelectedRollout read(String threadId, RolloutFilter filter) {
        ThreadEntry entry = index.find(threadId);
        if (entry == null || entry.records() == 0) {
            return null;
        }
        List<RolloutItem> newestFirst = new ArrayList<>();
        LongArrayList fromEnd = new LongArrayList();
        long[] seen = {0};
        walkBack(entry.headShard(), entry.headIndex(), record -> {
            if (record.kind() != RecordKind.ROLLOUT) {
                return true;
            }
            long position = seen[0]++;
            RolloutTags tags = RolloutTags.peek(record.payload());
            if (tags != null && !filter.wants(tags.lineType(), tags.payloadType())) {
                return true;
            }
            RolloutItem item = RolloutLines.read(record.payload()).item();
            if (tags != null || filter.wants(item)) {
                newestFirst.add(item);
                fromEnd.addLong(position);
            }
            return true;
        });
        int count = newestFirst.size();
        List<RolloutItem> items = new ArrayList<>(count);
        long[] positions = new long[count];
        for (int i = 0; i < count; i++) {
            items.add(newestFirst.get(count - 1 - i));
            positions[i] = seen[0] - 1 - fromEnd.getLong(count - 1 - i);
        }
        return new SelectedRollout(items, positions, seen[0]);
    }

    @Override
    public ResumedRollout resume(String threadId, int shard) {
        ThreadEntry entry = index.find(threadId);
        if (entry == null || entry.records() == 0) {
            throw new JournalException("no thread `" + threadId + "` in the journal");
        }
        ThreadStartedPayload payload = startOf(entry);
        entry.markClosed(false);
        JournalThreadRollout rollout = new JournalThreadRollout(this, shards.get(shard), entryWriters.get(shard), entry, payload.meta(),
                entry.records(), entry.headShard(), entry.headIndex(), entry.materialized());
        if (!entry.hasCheckpoint()) {
            List<RolloutItem> items = readRollout(entry.id(), entry.headShard(), entry.headIndex());
            return new ResumedRollout(payload.spec(), items, rollout);
        }
        long[] checkpoint = {entry.checkpointShard(), entry.checkpointIndex()};
        ResolvedCheckpoint state = readCheckpoint(checkpoint);
        rollout.followCheckpoint(checkpoint, state);
        List<RolloutItem> tail = readRolloutAfter(entry, checkpoint);
        UUID id = entry.id();
        ThreadSpec spec = payload.spec() != null ? payload.spec() : new ThreadSpec(entry.id().toString(),
                state.checkpoint().configuration(), entry.forkedFromId(), false);
        return new ResumedRollout(spec, state.checkpoint(), tail,
                () -> rebuildHistory(id, (int) checkpoint[0], checkpoint[1]), rollout);
    }

    /** A thread's rollout items recorded after one of its records (newer ones only, in order). */
    private List<RolloutItem> readRolloutAfter(ThreadEntry entry, long[] after) {
        List<RolloutItem> items = new ArrayList<>();
        walkBack(entry.headShard(), entry.headIndex(), record -> {
            if (record.header().shard() == after[0] && record.header().index() == after[1]) {
                return false;
            }
            if (record.kind() == RecordKind.ROLLOUT) {
                items.add(RolloutLines.read(record.payload()).item());
            }
            return true;
        });
        Collections.reverse(items);
        return items;
    }

    /** What a thread was created with: the payload of its first record (THREAD_STARTED or FORK). */
    public ThreadStartedPayload startOf(ThreadEntry entry) {
        JournalRecord started = reader(entry.startShard()).read(entry.startIndex());
        if (started.kind() != RecordKind.THREAD_STARTED && started.kind() != RecordKind.FORK) {
            throw new JournalException("thread " + entry.id() + " does not start with a THREAD_STARTED record (found "
                    + started.kind() + " at shard " + entry.startShard() + " index "
                    + Long.toHexString(entry.startIndex()) + "): the journal is damaged");
        }
        try {
            return CommandCodec.shared().readValue(started.payload(), ThreadStartedPayload.class);
        } catch (IOException e) {
            throw new JournalException("thread " + entry.id() + ": unreadable first record: " + e.getMessage(), e);
        }
    }

    /** The settings a thread was created with (a fork that inherited them: its parent's at the fork point). */
    public dev.turnstile.core.session.SessionConfiguration createdConfiguration(ThreadEntry entry) {
        ThreadStartedPayload payload = startOf(entry);
        if (payload.spec() != null) {
            return payload.spec().configuration();
        }
        return readCheckpoint(payload.fork().checkpoint()).checkpoint().configuration();
    }

    static UUID threadUuid(String threadId) {
        try {
            return UUID.fromString(threadId);
        } catch (IllegalArgumentException e) {
            throw new JournalException("thread id `" + threadId + "` is not a UUID; journaled threads need UUID ids");
        }
    }

    @Override
    public String describe() {
        return config.dataDirectory().resolve("journal") + " (" + shards.size() + " shard queue(s), durability "
                + config.durability() + (config.readAhead() == ReadAhead.OFF ? ", read-ahead off" : "") + ")";
    }

    String describeThread(UUID id) {
        ThreadEntry entry = index.find(id);
        int shard = entry == null ? 0 : entry.startShard();
        return config.shardDirectory(shard) + "#" + id;
    }

    public ThreadIndex index() {
        return index;
    }

    /** Whether opening had to rebuild the index from the queues, and how many records it scanned. */
    public IndexBuilder.Result openedWith() {
        return opened;
    }

    public JournalConfig config() {
        return config;
    }

    /** The calling thread's reader of a shard's queue. */
    ShardReader reader(int shard) {
        ShardReader[] mine = readers.get();
        if (mine[shard] == null) {
            mine[shard] = shards.get(shard).openReader(recordsRead);
            allReaders.add(mine[shard]);
        }
        return mine[shard];
    }

    /**
     * Reads a thread's chain backwards from a record, visiting each record (newest first) while true. Each read
     * expects the thread of the record before it, so a stretch of the shard is scanned once for all of that
     * thread's records in it ({@link ShardReader#readBackward}).
     */
    public void walkBack(int shard, long fromIndex, java.util.function.Predicate<JournalRecord> visitor) {
        int currentShard = shard;
        long current = fromIndex;
        UUID expected = null;
        while (current != RecordLayout.NO_PREVIOUS) {
            JournalRecord record = reader(currentShard).readBackward(current, expected);
            if (!visitor.test(record)) {
                return;
            }
            expected = record.header().threadId();
            currentShard = record.header().previousShardResolved();
            current = record.header().previousIndex();
        }
    }

    /** The thread's rollout items in order, read through its chain from the given head. */
    List<RolloutItem> readRollout(UUID thread, int headShard, long headIndex) {
        List<RolloutItem> items = new ArrayList<>();
        walkBack(headShard, headIndex, record -> {
            if (record.kind() == RecordKind.ROLLOUT) {
                items.add(RolloutLines.read(record.payload()).item());
            }
            return true;
        });
        Collections.reverse(items);
        return items;
    }

    // ---- checkpoints -------------------------------------------------------------------------------

    /**
     * A checkpoint read back with its configuration and reference resolved, where it is, and where those two were
     * found.
     */
    record ResolvedCheckpoint(dev.turnstile.core.session.rollout.Checkpoint checkpoint, long[] position,
                              long[] previous, long[] configurationAt, long[] referenceAt) {
    }

    private CheckpointPayload readCheckpointPayload(long[] position) {
        JournalRecord record = reader((int) position[0]).read(position[1]);
        if (record.kind() != RecordKind.CHECKPOINT) {
            throw new JournalException("expected a checkpoint at shard " + position[0] + " index "
                    + Long.toHexString(position[1]) + ", found " + record.kind() + ": the journal is damaged");
        }
        try {
            return CommandCodec.shared().readValue(record.payload(), CheckpointPayload.class);
        } catch (IOException e) {
            throw new JournalException("unreadable checkpoint at shard " + position[0] + " index "
                    + Long.toHexString(position[1]) + ": " + e.getMessage(), e);
        }
    }

    /** Reads a checkpoint and the records its configuration and reference point at (at most three records). */
    ResolvedCheckpoint readCheckpoint(long[] position) {
        CheckpointPayload payload = readCheckpointPayload(position);
        dev.turnstile.core.session.rollout.Checkpoint c = payload.checkpoint();
        long[] configurationAt = position;
        var configuration = c.configuration();
        if (configuration == null && payload.configurationAt() != null) {
            configurationAt = payload.configurationAt();
            configuration = readCheckpointPayload(configurationAt).checkpoint().configuration();
        }
        long[] referenceAt = payload.referenceAt();
        var reference = c.referenceContext();
        if (reference == null && referenceAt != null) {
            JournalRecord line = reader((int) referenceAt[0]).read(referenceAt[1]);
            if (RolloutLines.read(line.payload()).item() instanceof RolloutItem.TurnContextLine context) {
                reference = context.payload();
            } else {
                throw new JournalException("checkpoint at shard " + position[0] + " index "
                        + Long.toHexString(position[1]) + " points at a turn context that is not one");
            }
        }
        var resolved = new dev.turnstile.core.session.rollout.Checkpoint(configuration, c.tokenInfo(), reference,
                c.previousTurnSettings(), c.memoryMode(), c.historyLength(), c.historyTokens(), c.userTurns(),
                c.lastUserText(), c.trailingContextUpdates(), c.trailingContextTokens(), c.samplingCount(),
                c.turnId(), c.userTurn(), c.compaction());
        return new ResolvedCheckpoint(resolved, position, payload.previous(),
                configuration == null ? null : configurationAt, referenceAt);
    }

    /**
     * Walks back the logical checkpoint chain from {@code newest} to where a rollback of {@code userTurns} user
     * turns lands: the checkpoint before the oldest of them. Reads one record per checkpoint passed (plus the
     * target's configuration and reference). Null when the chain cannot say exactly: it runs out (the rollback
     * reaches the session's first turn), or a compaction lies in between (its history cannot be truncated back).
     */
    ResolvedCheckpoint checkpointBefore(long[] newest, long userTurns) {
        long[] position = newest;
        long counted = 0;
        while (position != null) {
            CheckpointPayload payload = readCheckpointPayload(position);
            if (payload.checkpoint().compaction()) {
                return null;
            }
            if (payload.checkpoint().userTurn() && ++counted == userTurns) {
                return payload.previous() == null ? null : readCheckpoint(payload.previous());
            }
            position = payload.previous();
        }
        return null;
    }

    /** The model-visible history as of a record of a thread: spec §2.7's rebuild over its rollout up to there. */
    List<dev.turnstile.core.protocol.item.ResponseItem> rebuildHistory(UUID thread, int shard, long index) {
        return dev.turnstile.core.session.history.RolloutReconstruction.reconstruct(readRollout(thread, shard, index))
                .history();
    }

    /**
     * Records the journal has read since it opened, on every thread (dispatch threads included): tests use it to
     * show that resume, rollback and fork read a bounded number of records, whatever a thread's length.
     */
    public long recordsRead() {
        return recordsRead.sum();
    }

    /** Records read so far by the calling thread's readers (tests show a path's cost this way). */
    public long recordsReadByThisThread() {
        long sum = 0;
        for (ShardReader reader : readers.get()) {
            sum += reader == null ? 0 : reader.recordsRead();
        }
        return sum;
    }

    /** Saves the index (with the positions it covers), closes the queues, releases the directory. */
    @Override
    public void close() throws IOException {
        List<Long> ends = new ArrayList<>();
        for (ShardJournal shard : shards) {
            ends.add(shard.queue().lastIndex());
        }
        try {
            IndexFile.write(config.dataDirectory(), index, ends);
        } finally {
            synchronized (allReaders) {
                allReaders.forEach(ShardReader::close);
            }
            shards.forEach(ShardJournal::close);
            lock.close();
        }
    }
}
