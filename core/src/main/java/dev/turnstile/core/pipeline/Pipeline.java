package dev.turnstile.core.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequenced pipeline: one multi-producer ingress ring (an LMAX Disruptor) and K shard dispatch handlers, each
 * on its own thread, each applying the entries of its own threads in ring order.
 *
 * <pre>
 *   transports ─┐                       ┌─▶ shard 0 handler ─▶ ShardApplier 0 (sessions of shard 0)
 *   model/tools ─┼─▶ Ingress ─▶ ring ───┼─▶ shard 1 handler ─▶ ShardApplier 1
 *   (internal)  ─┘   seq, time          └─▶ ...
 * </pre>
 *
 * @param <P> the command type carried through the ring
 */
public final class Pipeline<P> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final PipelineConfig config;
    private final Disruptor<IngressSlot<P>> disruptor;
    private final RingBuffer<IngressSlot<P>> ring;
    private final Ingress<P> ingress;
    private final ThreadRegistry threads;
    private final PipelineCounters counters;
    private volatile boolean closed;

    private Pipeline(PipelineConfig config, ShardApplierFactory<P> appliers, EpochClock clock) {
        this.config = config;
        this.counters = new PipelineCounters(config.shards());
        this.threads = new ThreadRegistry(config.shards());
        this.disruptor = new Disruptor<>(IngressSlot::new, config.ringSize(), dispatchThreads(),
                ProducerType.MULTI, config.waitStrategy().create());
        this.ingress = new Ingress<>(disruptor.getRingBuffer(), clock, counters);
        PipelineParts<P> parts = new PipelineParts<>(ingress, threads, counters);
        @SuppressWarnings({"unchecked", "rawtypes"})
        ShardHandler<P>[] handlers = new ShardHandler[config.shards()];
        for (int shard = 0; shard < handlers.length; shard++) {
            handlers[shard] = new ShardHandler<>(shard, disruptor.getRingBuffer(), appliers.create(shard, parts), counters, config.cpuOf(shard));
        }
        disruptor.handleEventsWith(handlers);
        disruptor.setDefaultExceptionHandler(new LoggingExceptionHandler<>());
        this.ring = disruptor.start();
    }

    /**
     * Builds and starts a pipeline.
     *
     * @param appliers makes the applier of each shard; each is then used by that shard's thread only
     * @param clock    the clock the edge stamps entries with
     */
    public static <P> Pipeline<P> start(PipelineConfig config, ShardApplierFactory<P> appliers, EpochClock clock) {
        return new Pipeline<>(config, appliers, clock);
    }

    public Ingress<P> ingress() {
        return ingress;
    }

    public ThreadRegistry threads() {
        return threads;
    }

    public PipelineCounters counters() {
        return counters;
    }

    public PipelineConfig config() {
        return config;
    }

    /** Entries published and not yet passed by every shard handler. */
    public long ringOccupancy() {
        return Math.max(0, ring.getCursor() - ring.getMinimumGatingSequence());
    }

    /** From now on client commands are refused with {@link Ingress#CLOSED}; internal ones still flow. */
    public void stopAcceptingClients() {
        ingress.stopAcceptingClients();
    }

    /**
     * Waits until every entry published so far has been applied.
     *
     * @return false if that did not happen within the timeout
     */
    public boolean awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long target = ring.getCursor();
        while (ring.getMinimumGatingSequence() < target) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(100_000);
        }
        return true;
    }

    /**
     * Stops taking client work, applies everything already in the ring, then stops the dispatch threads.
     * Callers that want running turns to end first do that before closing (see the session host's shutdown).
     */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    public void close(Duration drainTimeout) {
        if (closed) {
            return;
        }
        closed = true;
        stopAcceptingClients();
        if (!awaitDrained(drainTimeout)) {
            LOG.warn("pipeline did not drain within {}; {} entries left unapplied", drainTimeout, ringOccupancy());
        }
        ingress.markHalted();
        disruptor.halt();
    }

    private static ThreadFactory dispatchThreads() {
        AtomicInteger index = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "turnstile-dispatch-" + index.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Failures outside an entry's apply (start, shutdown): logged; the ShardHandler already handles apply failures. */
    private static final class LoggingExceptionHandler<T> implements ExceptionHandler<T> {
        @Override
        public void handleEventException(Throwable failure, long sequence, T event) {
            LOG.error("dispatch failed at ring position {}; entry skipped", sequence, failure);
        }

        @Override
        public void handleOnStartException(Throwable failure) {
            LOG.error("a dispatch handler failed to start", failure);
        }

        @Override
        public void handleOnShutdownException(Throwable failure) {
            LOG.error("a dispatch handler failed to shut down", failure);
        }
    }
}
