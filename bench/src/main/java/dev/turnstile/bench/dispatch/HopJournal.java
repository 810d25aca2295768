package dev.turnstile.bench.dispatch;

import dev.turnstile.bench.support.BenchDirs;
import dev.turnstile.core.session.Command;
import dev.turnstile.core.session.CommandCodec;
import dev.turnstile.journal.queue.Durability;
import dev.turnstile.journal.queue.ShardJournal;
import dev.turnstile.journal.record.PayloadWriter;
import dev.turnstile.journal.record.RecordKind;
import dev.turnstile.journal.record.RecordLayout;
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
    private Command current;
    private final PayloadWriter payload = out -> CommandCodec.shared().write(current, out);

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
        byte[] wire = CommandCodec.preEncodedWire(command);
        if (wire != null) { // encoded by the client, as the host's rollout records it
            previous = journal.append(RecordKind.ENTRY, THREAD.getMostSignificantBits(),
                    THREAD.getLeastSignificantBits(), ordinal++, sequence, timestampMillis, previous,
                    RecordLayout.SAME_SHARD, CommandCodec.clientHead(), wire, CommandCodec.clientTail());
            return;
        }
        current = command;
        try {
            previous = journal.append(RecordKind.ENTRY, THREAD.getMostSignificantBits(),
                    THREAD.getLeastSignificantBits(), ordinal++, sequence, timestampMillis, previous,
                    RecordLayout.SAME_SHARD, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            current = null;
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
