package dev.turnstile.journal.store;

import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.RolloutLine;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Rollout items as Codex rollout lines: the journal's ROLLOUT payload is exactly the line Codex would write. */
final class RolloutLines {
    /** Codex writes UTC with millisecond precision: {@code YYYY-MM-DDThh:mm:ss.mmmZ}. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private RolloutLines() {
    }

    /** The last timestamp formatted: the records of one entry share their millisecond, so it is usually reused. */
    private record Formatted(long millis, String text) {
    }

    private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

    static String timestamp(long epochMillis) {
        Formatted cached = last;
        if (cached.millis() == epochMillis) {
            return cached.text();
        }
        String text = TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
        last = new Formatted(epochMillis, text);
        return text;
    }

    static void write(RolloutItem item, long timestampMillis, OutputStream out) throws IOException {
        ProtocolCodec.shared().mapper().writeValue(out, new RolloutLine(timestamp(timestampMillis), item));
    }

    static RolloutLine read(byte[] payload) {
        return ProtocolCodec.shared().decodeRolloutLine(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
    }
}
