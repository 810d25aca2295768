package dev.turnstile.core.turn;

/** Work in flight off the dispatch thread that an aborted turn stops. */
@FunctionalInterface
public interface Cancellable {
    Cancellable NONE = () -> {
    };

    /** Stops the work if it still runs; never blocks. */
    void cancel();
}
