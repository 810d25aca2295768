package dev.turnstile.bench.baseline.codex;

import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.RolloutLine;
import dev.turnstile.core.session.Command;
import dev.turnstile.core.session.CommandCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Codex rollout files, read and written as Codex does (spec §2.2, §2.4): one JSON object per line, written with
 * the same Jackson codec Turnstile uses for its journal payloads; loading reads the <em>whole</em> file and parses
 * every line, skipping (and counting) lines that are not rollout lines.
 *
 * <p>The parse is the efficient one-pass decode Turnstile's import uses (Codex parses each line to a JSON value and
 * then converts it, two passes): the baseline is given the faster path.
 */
public final class CodexFiles {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private CodexFiles() {
    }

    /** Codex's line timestamp: UTC, millisecond precision. */
    public static String timestamp(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }

    /** One rollout line, without its newline. */
    public static byte[] encode(RolloutItem item, long timestampMillis) throws IOException {
        return ProtocolCodec.shared().mapper().writeValueAsBytes(new RolloutLine(timestamp(timestampMillis), item));
    }

    private static final byte[] SUBMISSION_TYPE = ",\"type\":\"submission\",\"payload\":"
            .getBytes(StandardCharsets.UTF_8);

    /**
     * A journaled submission as a line: the envelope of a rollout line around the same JSON Turnstile's journal
     * keeps for the entry. Codex's loader skips it as a line that is not a rollout item.
     */
    public static byte[] encodeSubmission(Command command, long timestampMillis) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        line.write(("{\"timestamp\":\"" + timestamp(timestampMillis) + "\"").getBytes(StandardCharsets.UTF_8));
        line.write(SUBMISSION_TYPE);
        line.write(CommandCodec.shared().toBytes(command));
        line.write('}');
        return line.toByteArray();
    }

    /** {@code load_rollout_items}: the whole file, every line parsed; unreadable lines skipped. */
    public static List<RolloutItem> load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new IOException("empty session file: " + file);
        }
        List<RolloutItem> items = new ArrayList<>();
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                String line = text.substring(start, end);
                if (!line.isBlank()) {
                    try {
                        items.add(ProtocolCodec.shared().decodeRolloutLine(line).item());
                    } catch (RuntimeException notARolloutLine) {
                        // counted as a parse error by Codex, never fatal
                    }
                }
            }
            start = end + 1;
        }
        return items;
    }
}
