package dev.turnstile.journal.replay;

import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.session.Resumption;
import dev.turnstile.journal.index.ThreadEntry;
import dev.turnstile.journal.record.JournalRecord;
import dev.turnstile.journal.record.RecordKind;
import dev.turnstile.journal.store.ChronicleJournal;
import dev.turnstile.journal.store.JournalException;
import java.util.ArrayList;
import java.util.List;

/**
 * A thread's state as of one of its records: the same rebuild a resume does (spec §2.7, §2.11), over the
 * thread's rollout items up to and including that record. The offline debugger's "what did the model see then".
 */
public final class ThreadState {

    /** The state, and the record it is taken at. */
    public record AtRecord(JournalRecord at, Resumption.State state) {
    }

    private ThreadState() {
    }

    /**
     * @param at the record: its ordinal (the {@code #} column of {@code replay show}) as a decimal number, or
     *           {@code SHARD:HEXINDEX}; null for the newest record
     */
    public static AtRecord at(ChronicleJournal journal, String threadId, String at) {
        ThreadEntry entry = ThreadRecords.entry(journal, threadId);
        List<JournalRecord> records = ThreadRecords.read(journal, threadId);
        int until = records.size() - 1;
        if (at != null) {
            until = find(records, at, threadId);
        }
        List<RolloutItem> items = new ArrayList<>();
        for (int i = 0; i <= until; i++) {
            JournalRecord record = records.get(i);
            if (record.kind() == RecordKind.ROLLOUT) {
                items.add(dev.turnstile.core.protocol.codec.ProtocolCodec.shared()
                        .decodeRolloutLine(record.payloadText()).item());
            }
        }
        var created = journal.createdConfiguration(entry);
        return new AtRecord(records.get(until), Resumption.of(created, items));
    }

    private static int find(List<JournalRecord> records, String at, String threadId) {
        String wanted = at.trim();
        for (int i = 0; i < records.size(); i++) {
            JournalRecord record = records.get(i);
            String position = record.header().shard() + ":" + Long.toHexString(record.header().index());
            if (wanted.contains(":") ? position.equalsIgnoreCase(wanted)
                    : wanted.equals(Long.toString(record.header().ordinal()))
                    && record.header().threadId().toString().equals(threadId)) {
                return i;
            }
        }
        throw new JournalException("thread " + threadId + " has no record " + at
                + " (give the # column of `replay show`, or SHARD:HEXINDEX)");
    }
}
