package dev.turnstile.journal.store;

import java.nio.charset.StandardCharsets;

/**
 * A rollout line's tags read from its first bytes without decoding it: the line's {@code type} and, for event and
 * response-item lines, the payload's {@code type}. Lines we write always start
 * {@code {"timestamp":"…",("ordinal":N,)?"type":"…","payload":{"type":"…"}; a line of another shape (hand-edited,
 * imported from another writer) peeks as null and is decoded instead.
 *
 * @param lineType    the line's {@code type}
 * @param payloadType the payload's tag, or null for lines whose payload has none (session_meta, turn_context, ...)
 */
record RolloutTags(String lineType, String payloadType) {
    private static final byte[] TIMESTAMP = ascii("{\"timestamp\":\"");
    private static final byte[] ORDINAL = ascii(",\"ordinal\":");
    private static final byte[] TYPE = ascii(",\"type\":\"");
    private static final byte[] PAYLOAD_TYPE = ascii(",\"payload\":{\"type\":\"");

    /** The tags of a line in our shape, or null when the line has another shape. */
    static RolloutTags peek(byte[] line) {
        int at = expect(line, 0, TIMESTAMP);
        at = at < 0 ? -1 : skipString(line, at);
        if (at < 0) {
            return null;
        }
        int afterOrdinal = expect(line, at, ORDINAL);
        if (afterOrdinal >= 0) {
            at = afterOrdinal;
            while (at < line.length && line[at] >= '0' && line[at] <= '9') {
                at++;
            }
        }
        at = expect(line, at, TYPE);
        int end = at < 0 ? -1 : skipString(line, at);
        if (end < 0) {
            return null;
        }
        String lineType = new String(line, at, end - 1 - at, StandardCharsets.US_ASCII);
        boolean tagged = lineType.equals("event_msg") || lineType.equals("response_item");
        if (!tagged) {
            return new RolloutTags(lineType, null);
        }
        int payloadAt = expect(line, end, PAYLOAD_TYPE);
        int payloadEnd = payloadAt < 0 ? -1 : skipString(line, payloadAt);
        if (payloadEnd < 0) {
            return null;
        }
        return new RolloutTags(lineType, new String(line, payloadAt, payloadEnd - 1 - payloadAt,
                StandardCharsets.US_ASCII));
    }

    /** The offset after {@code literal} when the line has it at {@code at}, else -1. */
    private static int expect(byte[] line, int at, byte[] literal) {
        if (at + literal.length > line.length) {
            return -1;
        }
        for (int i = 0; i < literal.length; i++) {
            if (line[at + i] != literal[i]) {
                return -1;
            }
        }
        return at + literal.length;
    }

    /**
     * From inside a string, the offset after its closing quote; -1 when it holds an escape or a non-ASCII byte (a
     * tag never does) or does not end.
     */
    private static int skipString(byte[] line, int at) {
        for (int i = at; i < line.length; i++) {
            byte b = line[i];
            if (b == '"') {
                return i + 1;
            }
            if (b == '\\' || b < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
