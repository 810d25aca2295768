package dev.turnstile.core.protocol.item;

/** A half-open byte range {@code [start, end)} into a UTF-8 text. */
public record ByteRange(int start, int end) {
    public ByteRange {
        if (start < 0 || end < start) {
            throw new dev.turnstile.core.protocol.InvalidFieldException(null, "a range with 0 <= start <= end");
        }
    }
}
