package dev.turnstile.core.pipeline;

import dev.turnstile.core.protocol.Event;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * A subscriber with a bounded outbound buffer and its own writer thread: dispatch threads only enqueue (never
 * block, never encode), and the writer hands each event to a sink (a transport that encodes and writes it).
 * When the buffer is full the subscriber is cut off instead of slowing the ring.
 *
 * <p>Threading: {@link #offer} may be called from any number of dispatch threads (the subscriber may follow
 * threads on several shards); the sink is called on the writer thread only.
 */
public final class QueuedSubscriber implements EventSubscriber, AutoCloseable {
    /** What the writer thread hands to the sink. */
    public record Delivery(String threadId, long eventNumber, Event event) {
    }

    private final ManyToOneConcurrentArrayQueue<Delivery> queue;
    private final Consumer<Delivery> sink;
    private final Runnable onIdle;
    private final Thread writer;
    private volatile boolean writerParked;
    private volatile boolean closing;
    private volatile long cutOffAfter = -1;

    /**
     * @param capacity how many events may wait for the writer
     * @param sink     handles each event on the writer thread
     * @param onIdle   called on the writer thread when the queue runs empty (e.g. flush an output stream)
     */
    public QueuedSubscriber(String name, int capacity, Consumer<Delivery> sink, Runnable onIdle) {
        this.queue = new ManyToOneConcurrentArrayQueue<>(capacity);
        this.sink = sink;
        this.onIdle = onIdle;
        this.writer = Thread.ofPlatform().name(name).daemon(true).start(this::drainLoop);
    }

    @Override
    public boolean offer(String threadId, long eventNumber, Event event) {
        return enqueue(new Delivery(threadId, eventNumber, event));
    }

    /** Enqueues an event that did not come from a dispatch thread (e.g. a transport's own error answer). */
    public boolean enqueue(Delivery delivery) {
        if (!queue.offer(delivery)) {
            return false;
        }
        if (writerParked) {
            LockSupport.unpark(writer);
        }
        return true;
    }

    @Override
    public void cutOff(String threadId, long lastDelivered) {
        cutOffAfter = lastDelivered;
    }

    /** The resume cursor if this subscriber was cut off, else -1. */
    public long cutOffAfter() {
        return cutOffAfter;
    }

    private void drainLoop() {
        while (true) {
            Delivery next = queue.poll();
            if (next != null) {
                sink.accept(next);
                continue;
            }
            onIdle.run();
            if (closing && queue.isEmpty()) {
                return;
            }
            writerParked = true;
            if (queue.isEmpty() && !closing) {
                LockSupport.parkNanos(this, 50_000_000L);
            }
            writerParked = false;
        }
    }

    /** Writes what is queued, then stops the writer thread. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(writer);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
