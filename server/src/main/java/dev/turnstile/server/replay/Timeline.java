package dev.turnstile.server.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.turnstile.journal.index.ThreadEntry;
import dev.turnstile.journal.record.JournalRecord;
import dev.turnstile.journal.record.RecordHeader;
import dev.turnstile.journal.record.RecordKind;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** A thread's records as a person reads them: one line each, its journal position, turns set apart. */
public final class Timeline {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Timeline() {
    }

    public static void render(ThreadEntry entry, List<JournalRecord> records, PrintWriter out) {
        out.printf("thread %s: %d turn(s), %d record(s), %s, %s, last activity %s%n", entry.id(), entry.turns(),
                entry.records(), size(entry.payloadBytes()), state(entry),
                Instant.ofEpochMilli(entry.lastActivityMillis()));
        out.printf("%6s  %-22s %-12s %5s  %-14s %s%n", "#", "SHARD:INDEX", "TIME (UTC)", "SEQ", "RECORD", "WHAT");
        for (JournalRecord record : records) {
            RecordHeader header = record.header();
            String summary = RecordSummary.of(record);
            if (record.kind() == RecordKind.ROLLOUT && summary.startsWith("task_started")) {
                out.println("        ── " + summary.substring("task_started ".length()) + " ──");
            }
            out.printf("%6d  %-22s %-12s %5d  %-14s %s%n", header.ordinal(),
                    header.shard() + ":" + Long.toHexString(header.index()), TIME.format(Instant.ofEpochMilli(
                            header.timestampMillis())), header.entrySequence(),
                    header.kind().name().toLowerCase(Locale.ROOT), summary);
        }
    }

    public static JsonNode toJson(JournalRecord record) {
        RecordHeader header = record.header();
        ObjectNode node = JSON.createObjectNode();
        node.put("thread_id", header.threadId().toString());
        node.put("ordinal", header.ordinal());
        node.put("shard", header.shard());
        node.put("index", header.index());
        node.put("entry_sequence", header.entrySequence());
        node.put("timestamp_ms", header.timestampMillis());
        node.put("kind", header.kind().name().toLowerCase(Locale.ROOT));
        try {
            node.set("payload", JSON.readTree(record.payload()));
        } catch (Exception unreadable) {
            node.set("payload", TextNode.valueOf(record.payloadText()));
        }
        return node;
    }

    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    public static String state(ThreadEntry entry) {
        String state = entry.closed() ? "closed" : "open";
        if (!entry.materialized()) {
            state += ", no rollout";
        }
        if (entry.forkedFromId() != null) {
            state += ", forked from " + entry.forkedFromId();
        }
        return state;
    }
}
