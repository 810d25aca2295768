package dev.turnstile.core.session;

/** A settings update broke a constraint; the op is answered with an {@code error} ({@code bad_request}). */
public final class SettingsRejectedException extends Exception {
    public SettingsRejectedException(String message) {
        super(message, null, false, false);
    }
}
