package dev.turnstile.journal.store;

import dev.turnstile.core.session.Command;
import dev.turnstile.core.session.CommandCodec;
import dev.turnstile.journal.queue.ShardJournal;
import dev.turnstile.journal.record.PayloadWriter;
import dev.turnstile.journal.record.RecordKind;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Appends a command's ENTRY record: a client submission encoded on the client's thread is copied in as it is, any
 * other command is encoded into the record. The one place that choice is made, for a thread's rollout and for the
 * benchmarks that mirror it.
 *
 * <p>Threading: one instance per appending thread (it reuses one payload writer, so recording allocates nothing of
 * its own).
 */
public final class EntryWriter {
    private final EntryPayload payload = new EntryPayload();

    /**
     * Appends {@code command} as an ENTRY record with the given header fields.
     *
     * @return the record's queue index
     */
    public long append(ShardJournal journal, long threadHigh, long threadLow, long ordinal, long entrySequence,
                       long timestampMillis, long previousIndex, int previousShard, Command command)
            throws IOException {
        byte[] wire = CommandCodec.preEncodedWire(command);
        if (wire != null) {
            return journal.append(RecordKind.ENTRY, threadHigh, threadLow, ordinal, entrySequence, timestampMillis,
                    previousIndex, previousShard, CommandCodec.clientHead(), wire, CommandCodec.clientTail());
        }
        payload.command = command;
        try {
            return journal.append(RecordKind.ENTRY, threadHigh, threadLow, ordinal, entrySequence, timestampMillis,
                    previousIndex, previousShard, payload);
        } finally {
            payload.command = null;
        }
    }

    /** The command being recorded, encoded as the journal keeps commands. */
    private static final class EntryPayload implements PayloadWriter {
        private Command command;

        @Override
        public void writeTo(OutputStream out) throws IOException {
            CommandCodec.shared().write(command, out);
        }
    }
}
