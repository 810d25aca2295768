package dev.turnstile.journal.store;

/** The journal could not do what was asked (write a record, read a thread); the message says which and why. */
public final class JournalException extends RuntimeException {
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalException(String message) {
        super(message);
    }
}
