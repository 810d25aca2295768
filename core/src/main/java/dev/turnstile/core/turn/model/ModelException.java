package dev.turnstile.core.turn.model;

/** The model answered a sampling request with an error; the turn reports it as an {@code error} event. */
public final class ModelException extends Exception {
    public ModelException(String message) {
        super(message);
    }
}
