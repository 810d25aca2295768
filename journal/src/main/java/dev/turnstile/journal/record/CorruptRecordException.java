package dev.turnstile.journal.record;

/** A queue document that is not a valid Turnstile record (bad magic, unknown version or kind, short payload). */
public final class CorruptRecordException extends RuntimeException {
    public CorruptRecordException(String message) {
        super(message);
    }
}
