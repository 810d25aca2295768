package dev.turnstile.bench.support;

import dev.turnstile.core.pipeline.EventSubscriber;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.event.EventMsg;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One hosted thread's subscriber, for benchmarks: counts the events a benchmark waits for and wakes the one thread
 * waiting. {@link #offer} runs on whatever thread applies the session (a shard's dispatch thread, a baseline's task)
 * and never blocks; the waiter spins briefly, then parks, so a wait costs the same wake-up in every implementation.
 *
 * <p>Threading: one writer at a time (the thread applying the session), one waiter.
 */
public final class EventWaiter implements EventSubscriber {
    private static final long SPIN_NANOS = 20_000;

    private volatile long configured;
    private volatile long turnsEnded;
    private volatile long rolledBack;
    private volatile long shutdowns;
    private volatile long errors;
    private volatile String lastError;
    private volatile String threadId;
    private volatile Thread waiter;

    @Override
    public boolean offer(String thread, long eventNumber, Event event) {
        switch (event.msg()) {
            case EventMsg.SessionConfigured c -> {
                threadId = c.threadId();
                configured++;
            }
            case EventMsg.TurnComplete c -> turnsEnded++;
            case EventMsg.TurnAborted a -> turnsEnded++;
            case EventMsg.ThreadRolledBack r -> rolledBack++;
            case EventMsg.ShutdownComplete s -> shutdowns++;
            case EventMsg.Error e -> {
                lastError = e.message();
                errors++;
            }
            default -> {
                return true;
            }
        }
        Thread parked = waiter;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
        return true;
    }

    public long configured() {
        return configured;
    }

    public long turnsEnded() {
        return turnsEnded;
    }

    public long rolledBack() {
        return rolledBack;
    }

    public long shutdowns() {
        return shutdowns;
    }

    public long errors() {
        return errors;
    }

    /** The id in the last {@code session_configured} (a fork child's id). */
    public String threadId() {
        return threadId;
    }

    public void awaitConfigured(long count) {
        await(this::configured, count, "session_configured");
    }

    public void awaitTurnsEnded(long count) {
        await(this::turnsEnded, count, "task_complete");
    }

    public void awaitRolledBack(long count) {
        await(this::rolledBack, count, "thread_rolled_back");
    }

    public void awaitShutdown(long count) {
        await(this::shutdowns, count, "shutdown_complete");
    }

    /**
     * Waits until {@code counter} reaches {@code target}; an {@code error} event meanwhile fails the wait with its
     * message (a benchmark must never measure a refused operation).
     */
    public void await(LongSupplier counter, long target, String what) {
        long errorsBefore = errors;
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(120).toNanos();
        while (counter.getAsLong() < target) {
            if (errors != errorsBefore) {
                throw new IllegalStateException("waiting for " + what + ", got an error: " + lastError);
            }
            long now = System.nanoTime();
            if (now - start < SPIN_NANOS) {
                Thread.onSpinWait();
                continue;
            }
            if (now - deadline > 0) {
                throw new IllegalStateException("no " + what + " within 120 s");
            }
            waiter = Thread.currentThread();
            if (counter.getAsLong() < target && errors == errorsBefore) {
                LockSupport.parkNanos(this, 1_000_000);
            }
            waiter = null;
        }
    }
}
