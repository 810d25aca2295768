package dev.turnstile.core.host;

/** No such thread: not hosted, and not in the store. */
public final class ThreadNotFoundException extends RuntimeException {
    public ThreadNotFoundException(String message) {
        super(message, null, false, false);
    }
}
