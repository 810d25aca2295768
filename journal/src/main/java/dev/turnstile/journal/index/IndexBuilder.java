package dev.turnstile.journal.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.journal.queue.ShardReader;
import dev.turnstile.journal.record.JournalRecord;
import dev.turnstile.journal.record.RecordHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Brings the thread index up to date from the queues: loads the index file and scans only the records after the
 * positions it covers, or — with no usable file — scans every shard from the start (reporting progress).
 */
public final class IndexBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexBuilder() {
    }

    /** What opening found. */
    public record Result(ThreadIndex index, boolean rebuilt, long recordsScanned) {
    }

    /**
     * @param queues   each shard's queue, by shard number
     * @param progress told the number of records scanned so far (may be called often)
     */
    public static Result open(Path dataDirectory, List<SingleChronicleQueue> queues, LongConsumer progress) {
        IndexFile.Content saved = IndexFile.read(dataDirectory);
        boolean usable = saved != null && saved.shardEnds().size() <= queues.size();
        if (usable) {
            for (int shard = 0; shard < saved.shardEnds().size(); shard++) {
                if (saved.shardEnds().get(shard) > queues.get(shard).lastIndex()) {
                    usable = false; // the file describes records the queue no longer has: stale
                }
            }
        }
        ThreadIndex index = usable ? IndexFile.restore(saved) : new ThreadIndex();
        long scanned = 0;
        for (int shard = 0; shard < queues.size(); shard++) {
            long from = usable && shard < saved.shardEnds().size() ? saved.shardEnds().get(shard) : -1;
            scanned += scanShard(index, queues.get(shard), shard, from, scanned, progress);
        }
        return new Result(index, !usable, scanned);
    }

    /** Scans the records of a shard after {@code coveredIndex} (all of them when it is negative). */
    private static long scanShard(ThreadIndex index, SingleChronicleQueue queue, int shard, long coveredIndex,
                                  long scannedBefore, LongConsumer progress) {
        long[] count = {0};
        try (ShardReader reader = ShardReader.over(queue, shard)) {
            reader.scan(coveredIndex < 0 ? -1 : coveredIndex, record -> {
                if (record.header().index() != coveredIndex) {
                    apply(index, record);
                    count[0]++;
                    if ((count[0] & 0x3FF) == 0) {
                        progress.accept(scannedBefore + count[0]);
                    }
                }
                return true;
            });
        }
        progress.accept(scannedBefore + count[0]);
        return count[0];
    }

    /** What one record tells the index; the live journal applies the same rules as it writes. */
    public static void apply(ThreadIndex index, JournalRecord record) {
        RecordHeader header = record.header();
        ThreadEntry entry = index.entry(header.threadId());
        entry.recorded(header.shard(), header.index(), header.payloadLength(), header.timestampMillis(),
                header.entrySequence());
        switch (header.kind()) {
            case THREAD_CLOSED -> entry.markClosed(true);
            case CHECKPOINT -> {
                entry.markClosed(false);
                entry.checkpointed(header.shard(), header.index());
            }
            case FORK -> {
                JsonNode fork = forkPoint(record);
                entry.forkedFrom(fork.path("parent_thread_id").asText(null));
                JsonNode checkpoint = fork.path("checkpoint");
                if (checkpoint.isArray() && checkpoint.size() == 2) {
                    entry.checkpointed(checkpoint.get(0).asInt(), checkpoint.get(1).asLong());
                }
            }
            case ROLLOUT -> {
                entry.markClosed(false);
                RolloutKind kind = RolloutKind.of(record.payload());
                if (kind == RolloutKind.SESSION_META) {
                    entry.markMaterialized();
                } else if (kind == RolloutKind.TURN_STARTED) {
                    entry.turnStarted();
                }
            }
            default -> entry.markClosed(false);
        }
    }

    private static JsonNode forkPoint(JournalRecord record) {
        try {
            return JSON.readTree(record.payload()).path("fork");
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
