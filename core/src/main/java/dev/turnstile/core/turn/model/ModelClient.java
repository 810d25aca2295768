package dev.turnstile.core.turn.model;

/**
 * A model provider: runs one sampling step of a turn and returns what the model produced.
 *
 * <p>Threading: called on a virtual thread, never on a dispatch thread, so it may block on the network. A turn
 * that is interrupted interrupts that virtual thread; implementations should let {@link InterruptedException}
 * through. Implementations must be safe to call from many virtual threads at once.
 */
public interface ModelClient {

    /** The name reported as the thread's model provider (e.g. {@code scripted}). */
    String providerId();

    /**
     * Samples once.
     *
     * @throws ModelException when the model answers with an error the turn should report
     */
    ModelResponse sample(ModelRequest request) throws ModelException, InterruptedException;
}
