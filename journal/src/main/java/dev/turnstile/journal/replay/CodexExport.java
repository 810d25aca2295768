package dev.turnstile.journal.replay;

import dev.turnstile.journal.record.JournalRecord;
import dev.turnstile.journal.record.RecordKind;
import dev.turnstile.journal.store.ChronicleJournal;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;

/**
 * Exports a thread as a Codex rollout JSONL file: its rollout records' payloads, which are Codex rollout lines,
 * byte for byte, one per line. Response items, imported or recorded, come out unchanged.
 *
 * <p>The file is self-contained, in the pinned format: a fork's history (its parent's lines up to the fork point)
 * is included, and the thread's own {@code session_meta} comes first, as the line Codex reads the thread id from;
 * the parent's {@code session_meta} lines are left out.
 */
public final class CodexExport {
    private CodexExport() {
    }

    /** @return the number of lines written */
    public static long write(ChronicleJournal journal, String threadId, OutputStream out) throws IOException {
        List<JournalRecord> records = ThreadRecords.read(journal, threadId);
        UUID own = ThreadRecords.entry(journal, threadId).id();
        long lines = 0;
        for (JournalRecord record : records) {
            if (record.kind() == RecordKind.ROLLOUT && record.header().threadId().equals(own)
                    && isSessionMeta(record)) {
                lines += writeLine(record, out);
                break;
            }
        }
        for (JournalRecord record : records) {
            if (record.kind() == RecordKind.ROLLOUT && !isSessionMeta(record)) {
                lines += writeLine(record, out);
            }
        }
        out.flush();
        return lines;
    }

    private static long writeLine(JournalRecord record, OutputStream out) throws IOException {
        out.write(record.payload());
        out.write('\n');
        return 1;
    }

    private static boolean isSessionMeta(JournalRecord record) {
        return RolloutLineKind.isSessionMeta(record.payload());
    }
}
