package dev.turnstile.journal.record;

import java.nio.charset.StandardCharsets;

/** A record read back: its header and its payload bytes. */
public record JournalRecord(RecordHeader header, byte[] payload) {

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public RecordKind kind() {
        return header.kind();
    }
}
