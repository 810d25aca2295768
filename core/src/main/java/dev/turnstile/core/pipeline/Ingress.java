package dev.turnstile.core.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.EpochClock;

/**
 * The edge of the pipeline: where a command gets its thread, its per-thread sequence number and its time, and
 * claims a slot in the ingress ring (multi-producer).
 *
 * <p>Client commands are never waited for: a full ring answers {@link #OVERLOADED} at once, so a transport's I/O
 * thread never blocks. Internal commands (results of model streaming and tools, produced off the dispatch threads)
 * are never refused: they wait for space, which slows new client work but never drops a turn's result.
 *
 * <p>Threading: safe for any number of publishing threads. Must not be called from a shard's dispatch thread with
 * {@link #publishInternal}: the dispatch thread is the ring's consumer and would wait for itself.
 *
 * @param <P> the command type carried through the ring
 */
public final class Ingress<P> {
    /** {@link #tryPublish} result: the ring is full; answer the client "overloaded", nothing was enqueued. */
    public static final long OVERLOADED = -1;
    /** {@link #tryPublish} result: the pipeline is shutting down and takes no new client work. */
    public static final long CLOSED = -2;

    private static final long INTERNAL_BACKOFF_NANOS = 20_000;

    private final RingBuffer<IngressSlot<P>> ring;
    private final EpochClock clock;
    private final PipelineCounters counters;
    private volatile boolean acceptingClients = true;
    private volatile boolean halted;

    Ingress(RingBuffer<IngressSlot<P>> ring, EpochClock clock, PipelineCounters counters) {
        this.ring = ring;
        this.clock = clock;
        this.counters = counters;
    }

    /** True when a {@link #tryPublish} result means the command was enqueued. */
    public static boolean accepted(long result) {
        return result > 0;
    }

    /**
     * Publishes a client command for {@code thread}, giving it the thread's next sequence number.
     *
     * @return the per-thread sequence number (&gt; 0), or {@link #OVERLOADED} or {@link #CLOSED}
     */
    public long tryPublish(ThreadHandle thread, P command) {
        return tryPublish(thread, command, 0);
    }

    /**
     * Publishes a client command. A client that resends a command it saw no acknowledgement for passes the
     * sequence number it was given as {@code requestedSequence}; if that number was applied already, the handler
     * re-acknowledges it and changes nothing. {@code 0} means "give it the next number".
     */
    public long tryPublish(ThreadHandle thread, P command, long requestedSequence) {
        if (!acceptingClients) {
            counters.recordRefusedClosed();
            return CLOSED;
        }
        long sequence = tryClaimAndPublish(thread, command, requestedSequence, IngressSlot.ORIGIN_CLIENT);
        if (sequence == OVERLOADED) {
            counters.recordOverloaded();
        }
        return sequence;
    }

    /**
     * Publishes an internal command, waiting for ring space if it must (call it from a virtual thread or a worker,
     * never from a dispatch thread).
     *
     * @return the per-thread sequence number given to it
     * @throws IllegalStateException if the pipeline has halted
     */
    public long publishInternal(ThreadHandle thread, P command) {
        while (true) {
            if (halted) {
                throw new IllegalStateException("the pipeline has halted; internal command for " + thread + " dropped");
            }
            long sequence = tryClaimAndPublish(thread, command, 0, IngressSlot.ORIGIN_INTERNAL);
            if (sequence != OVERLOADED) {
                return sequence;
            }
            // Wait outside the thread's edge lock, so client publishers for the same thread are answered at once.
            LockSupport.parkNanos(INTERNAL_BACKOFF_NANOS);
        }
    }

    private long tryClaimAndPublish(ThreadHandle thread, P command, long requestedSequence, byte origin) {
        synchronized (thread.edgeLock()) {
            final long position;
            try {
                position = ring.tryNext();
            } catch (InsufficientCapacityException full) {
                return OVERLOADED;
            }
            long sequence = thread.issueSequence(requestedSequence);
            ring.get(position).fill(thread, sequence, clock.time(), origin, command);
            // Counted before it becomes visible, so no reader sees its effects before the count.
            counters.recordPublished(thread.shard(), origin == IngressSlot.ORIGIN_INTERNAL);
            ring.publish(position);
            return sequence;
        }
    }

    void stopAcceptingClients() {
        acceptingClients = false;
    }

    void markHalted() {
        halted = true;
    }

    public boolean isAcceptingClients() {
        return acceptingClients;
    }
}
