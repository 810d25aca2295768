package dev.turnstile.journal.replay;

import dev.turnstile.journal.record.JournalRecord;
import dev.turnstile.journal.record.RecordKind;
import dev.turnstile.journal.store.ChronicleJournal;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Exports a thread as a Codex rollout JSONL file: its rollout records' payloads, which are Codex rollout lines,
 * byte for byte, one per line. Response items, imported or recorded, come out unchanged.
 */
public final class CodexExport {
    private CodexExport() {
    }

    /** @return the number of lines written */
    public static long write(ChronicleJournal journal, String threadId, OutputStream out) throws IOException {
        long lines = 0;
        for (JournalRecord record : ThreadRecords.read(journal, threadId)) {
            if (record.kind() == RecordKind.ROLLOUT) {
                out.write(record.payload());
                out.write('\n');
                lines++;
            }
        }
        out.flush();
        return lines;
    }
}
