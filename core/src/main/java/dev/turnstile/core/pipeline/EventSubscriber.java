package dev.turnstile.core.pipeline;

import dev.turnstile.core.protocol.Event;

/**
 * Receives a thread's events.
 *
 * <p>Threading: {@link #offer} is called on the thread's dispatch thread, once per event, in the order the
 * thread emitted them. It must never block: a subscriber that cannot take an event answers {@code false} and is
 * then cut off, with the number of events it did receive, so it can resume from there. A slow subscriber must
 * never stall the ring.
 */
public interface EventSubscriber {

    /**
     * Offers the thread's next event.
     *
     * @param eventNumber the event's number within the thread (1, 2, ...), the resume cursor
     * @return false when the subscriber's buffer is full; it is then cut off
     */
    boolean offer(String threadId, long eventNumber, Event event);

    /**
     * The subscriber was removed because it could not keep up ({@code offer} answered false).
     *
     * @param lastDelivered the number of the last event it accepted: resume after it
     */
    default void cutOff(String threadId, long lastDelivered) {
    }
}
