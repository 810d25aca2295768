package dev.turnstile.bench.dispatch;

import dev.turnstile.bench.support.BenchDirs;
import dev.turnstile.core.session.Command;
import dev.turnstile.journal.queue.Durability;
import dev.turnstile.journal.queue.ShardJournal;
import dev.turnstile.journal.record.RecordLayout;
import dev.turnstile.journal.store.EntryWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A shard's Chronicle journal appending entry records exactly as a session's rollout does (same header, same
 * command JSON, chained to the previous record), for the hop benchmarks of Turnstile and the executor baseline.
 *
 * <p>Threading: appended by one thread (the one applying); rotated only while nothing is in flight.
 */
final class HopJournal implements AutoCloseable {
    private static final UUID THREAD = UUID.fromString("01900000-0000-7000-8000-000000000001");

    private final Path parent;
    private Path directory;
    private ShardJournal journal;
    private long ordinal;
    private long previous = RecordLayout.NO_PREVIOUS;
    private final EntryWriter entries = new EntryWriter();

    HopJournal(Path parent) {
        this.parent = parent;
        open();
    }

    private void open() {
        directory = parent.resolve("journal-" + System.nanoTime());
        journal = ShardJournal.open(directory, 0, Durability.OS);
        ordinal = 0;
        previous = RecordLayout.NO_PREVIOUS;
    }

    void append(Command command, long sequence, long timestampMillis) {
        try {
            previous = entries.append(journal, THREAD.getMostSignificantBits(), THREAD.getLeastSignificantBits(),
                    ordinal++, sequence, timestampMillis, previous, RecordLayout.SAME_SHARD, command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The end of a batch: what Turnstile's handler does at {@code endOfBatch}. */
    void flush() {
        journal.flush();
    }

    void rotate() {
        close();
        open();
    }

    @Override
    public void close() {
        journal.close();
        BenchDirs.delete(directory);
    }
}
