package dev.turnstile.server.demo;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the demo's clients and their subscribers count. Written from dispatch threads (turn latencies, outcomes)
 * and from client virtual threads (retries) at once, so every member is safe for many writers and never blocks:
 * a subscriber must not stall the ring it is called from.
 */
public final class DemoMetrics {
    /** Turn latencies in microseconds; auto-resizing, three significant digits. */
    private final Recorder latencyMicros = new Recorder(3);
    private final LongAdder completedTurns = new LongAdder();
    private final LongAdder abortedTurns = new LongAdder();
    private final LongAdder overloadRetries = new LongAdder();
    private final LongAdder requestsAnswered = new LongAdder();

    void turnCompleted(long latencyNanos) {
        latencyMicros.recordValue(Math.max(1, latencyNanos / 1_000));
        completedTurns.increment();
    }

    void turnAborted() {
        abortedTurns.increment();
    }

    void overloadRetry() {
        overloadRetries.increment();
    }

    void requestAnswered() {
        requestsAnswered.increment();
    }

    public long completedTurns() {
        return completedTurns.sum();
    }

    public long abortedTurns() {
        return abortedTurns.sum();
    }

    /** Turns that ended either way: what the progress bar shows. */
    public long finishedTurns() {
        return completedTurns.sum() + abortedTurns.sum();
    }

    public long overloadRetries() {
        return overloadRetries.sum();
    }

    /** Approvals and questions the model script raised, answered by the clients. */
    public long requestsAnswered() {
        return requestsAnswered.sum();
    }

    /** The latencies recorded since the last call (all of them, the first time). */
    Histogram takeLatencies() {
        return latencyMicros.getIntervalHistogram();
    }

    private volatile String sampleThreadId;

    /** Remembers one thread's id, so the report can show how to look at it. */
    void sampleThread(String threadId) {
        sampleThreadId = threadId;
    }

    String sampleThreadId() {
        return sampleThreadId;
    }
}
