package dev.turnstile.core.host;

/** The host could not take a request now (its ring is full, or it is shutting down); the client may retry. */
public final class HostOverloadedException extends RuntimeException {
    public HostOverloadedException(String message) {
        super(message, null, false, false);
    }
}
