package dev.turnstile.journal.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.RolloutLine;
import dev.turnstile.core.protocol.rollout.SessionMeta;
import dev.turnstile.core.session.SessionConfiguration;
import dev.turnstile.core.session.ThreadSpec;
import dev.turnstile.journal.store.ChronicleJournal;
import dev.turnstile.journal.store.JournalException;
import dev.turnstile.journal.store.JournalThreadRollout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports a Codex rollout JSONL file into the journal as a thread, keeping every line byte for byte (so an export
 * gives the same lines back). Both generations are read:
 * <ul>
 *   <li>the pinned format (spec §2.2): one file, one thread;</li>
 *   <li>Codex 0.169's paginated format: lines carry an {@code ordinal}; a revert starts a new segment file whose
 *       {@code session_meta.history_base} keeps a prefix of the thread's previous segment (up to
 *       {@code end_ordinal_exclusive}); a fork child holds only its own lines and its {@code history_base} points at
 *       its parent. The base must already be in the journal — import files oldest first — else the import fails
 *       naming the missing thread: never a silently partial thread.</li>
 * </ul>
 * Lines that are not JSON, or not rollout lines, are skipped and counted (spec §2.4); a byte-order mark or a torn
 * last line does not lose the rest of the file.
 */
public final class CodexImport {

    /**
     * What an import did.
     *
     * @param threadId  the thread the file's lines went to
     * @param imported  lines written to the journal
     * @param badLines  1-based numbers of the lines skipped, with why
     * @param mode      {@code new thread}, {@code continued after a revert}, or {@code fork of <parent>}
     */
    public record Result(String threadId, long imported, List<String> badLines, String mode) {
    }

    private CodexImport() {
    }

    public static Result importFile(ChronicleJournal journal, Path file, int shard) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new JournalException(file + " is empty: not a rollout file (empty session file)");
        }
        List<String> bad = new ArrayList<>();
        List<Parsed> lines = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].endsWith("\r") ? raw[i].substring(0, raw[i].length() - 1) : raw[i];
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(new Parsed(line, ProtocolCodec.shared().decodeRolloutLine(line)));
            } catch (RuntimeException unreadable) {
                bad.add("line " + (i + 1) + ": " + firstLine(unreadable.getMessage()));
            }
        }
        SessionMeta meta = null;
        for (Parsed parsed : lines) {
            if (parsed.line().item() instanceof RolloutItem.SessionMetaLine m) {
                meta = m.payload();
                break;
            }
        }
        if (meta == null || meta.id() == null) {
            throw new JournalException(file + ": failed to parse thread ID from rollout file (no session_meta line)");
        }
        String threadId = meta.id();
        JsonNode base = meta.unknownFields().get("history_base");
        String mode;
        JournalThreadRollout writer;
        if (base != null && base.isObject()) {
            String baseThread = base.path("thread_id").asText(null);
            long endExclusive = base.path("end_ordinal_exclusive").asLong(-1);
            String parent = baseThread;
            if (journal.index().find(baseThread) == null && meta.forkedFromId() != null) {
                parent = meta.forkedFromId();
            }
            if (journal.index().find(parent) == null) {
                throw new JournalException(file + ": its history starts in thread " + baseThread
                        + ", which is not in the journal; import that thread's rollout file first");
            }
            long[] point = endExclusive <= 0 ? null : journal.findLineOrdinal(parent, endExclusive - 1);
            if (endExclusive > 0 && point == null) {
                throw new JournalException(file + ": its history continues thread " + parent + " after line ordinal "
                        + (endExclusive - 1) + ", which that thread does not have in the journal");
            }
            if (parent.equals(threadId)) {
                if (point == null) {
                    throw new JournalException(file + ": a segment of thread " + threadId
                            + " with an empty history base; import it as its own thread");
                }
                writer = journal.continueThreadFrom(threadId, shard, point);
                mode = "continued after a revert";
            } else {
                writer = journal.importThread(spec(meta, lines, parent), meta, shard, point, parent);
                mode = "fork of " + parent;
            }
        } else {
            if (journal.index().find(threadId) != null) {
                throw new JournalException(file + ": thread " + threadId + " is already in the journal");
            }
            writer = journal.importThread(spec(meta, lines, meta.forkedFromId()), meta, shard, null, null);
            mode = "new thread";
        }
        long imported = 0;
        long lastMillis = 0;
        for (Parsed parsed : lines) {
            long millis = timestamp(parsed.line().timestamp(), lastMillis);
            writer.writeLine(parsed.text().getBytes(StandardCharsets.UTF_8), parsed.line().item(), millis);
            lastMillis = millis;
            imported++;
        }
        writer.flush();
        journal.recountTurns(threadId);
        return new Result(threadId, imported, bad, mode);
    }

    private record Parsed(String text, RolloutLine line) {
    }

    /** The settings an imported thread starts with: its file's cwd and provider; its turn contexts say the rest. */
    private static ThreadSpec spec(SessionMeta meta, List<Parsed> lines, String forkedFrom) {
        String model = "unknown";
        for (Parsed parsed : lines) {
            if (parsed.line().item() instanceof RolloutItem.TurnContextLine context) {
                model = context.payload().model();
                break;
            }
        }
        String provider = meta.modelProvider() == null ? "unknown" : meta.modelProvider();
        String cwd = meta.cwd() == null ? "/" : meta.cwd();
        return new ThreadSpec(meta.id(), SessionConfiguration.defaults(model, provider, cwd), forkedFrom, false);
    }

    private static long timestamp(String text, long fallback) {
        try {
            return java.time.Instant.parse(text).toEpochMilli();
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
