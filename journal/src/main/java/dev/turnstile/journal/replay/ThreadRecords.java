package dev.turnstile.journal.replay;

import dev.turnstile.journal.index.ThreadEntry;
import dev.turnstile.journal.record.JournalRecord;
import dev.turnstile.journal.store.ChronicleJournal;
import dev.turnstile.journal.store.JournalException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads one thread's records, oldest first, by following its chain from the head the index knows. A forked
 * thread's chain continues into its parent's records up to the fork point: they are part of its history.
 */
public final class ThreadRecords {
    private ThreadRecords() {
    }

    /** The thread's entry; a clear error when the journal has no such thread. */
    public static ThreadEntry entry(ChronicleJournal journal, String threadId) {
        ThreadEntry entry = journal.index().find(threadId);
        if (entry == null) {
            throw new JournalException("no thread `" + threadId + "` in " + journal.config().dataDirectory()
                    + " (./turnstile replay list shows the threads there)");
        }
        return entry;
    }

    public static List<JournalRecord> read(ChronicleJournal journal, String threadId) {
        ThreadEntry entry = entry(journal, threadId);
        List<JournalRecord> records = new ArrayList<>((int) Math.min(entry.records(), 1 << 20));
        journal.walkBack(entry.headShard(), entry.headIndex(), record -> {
            records.add(record);
            return true;
        });
        Collections.reverse(records);
        return records;
    }
}
