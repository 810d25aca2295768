package dev.turnstile.journal.store;

import dev.turnstile.journal.queue.Durability;
import dev.turnstile.journal.queue.ReadAhead;
import java.nio.file.Path;

/**
 * Where and how the journal lives.
 *
 * @param dataDirectory the data directory ({@code --data}); the journal is under {@code journal/shard-N/}
 * @param shards        how many shards write (the pipeline's shard count); more existing shards are read only
 * @param durability    what a batch's end guarantees ({@link Durability})
 * @param purpose       what this process does, shown to a second process that finds the directory locked
 * @param readAhead     whether the kernel reads ahead on the queue files' writers ({@link ReadAhead}: tail latency
 *                      against throughput)
 */
public record JournalConfig(Path dataDirectory, int shards, Durability durability, String purpose,
                            ReadAhead readAhead) {
    public JournalConfig {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be >= 1, was " + shards);
        }
        if (readAhead == null) {
            throw new IllegalArgumentException("readAhead must not be null");
        }
    }

    /** With the kernel's read-ahead, the default. */
    public JournalConfig(Path dataDirectory, int shards, Durability durability, String purpose) {
        this(dataDirectory, shards, durability, purpose, ReadAhead.KERNEL);
    }

    public Path shardDirectory(int shard) {
        return dataDirectory.resolve("journal").resolve("shard-" + shard);
    }
}
