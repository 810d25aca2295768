package dev.turnstile.core.turn.model;

/** A model script that cannot be used; the message names the file, the line and the problem. */
public final class ModelScriptException extends RuntimeException {
    public ModelScriptException(String message) {
        super(message);
    }
}
