package dev.turnstile.server.demo;

import org.HdrHistogram.Histogram;

/**
 * What one demo run measured.
 *
 * @param threads             hosted threads, all at once
 * @param turnsPerThread      turns each client ran
 * @param wallNanos           from the first client's start to the last client's end
 * @param completedTurns      turns that ended with {@code task_complete}
 * @param abortedTurns        turns that ended with {@code turn_aborted}
 * @param clientSubmissions   submissions the clients put through the ring
 * @param internalSubmissions model and tool results the turns put through the ring
 * @param eventsOut           events the threads emitted
 * @param overloadRetries     submissions retried because the ring was full
 * @param requestsAnswered    approvals and questions from the model script that the clients answered
 * @param failedClients       clients that ended with an error
 * @param firstFailure        the first such error's message, or null
 * @param latencyMicros       per-turn latency (submit to {@code task_complete}) in microseconds
 */
public record DemoResult(int threads, int turnsPerThread, long wallNanos, long completedTurns, long abortedTurns,
                         long clientSubmissions, long internalSubmissions, long eventsOut, long overloadRetries,
                         long requestsAnswered, int failedClients, String firstFailure, Histogram latencyMicros) {

    public long expectedTurns() {
        return (long) threads * turnsPerThread;
    }

    /** Every turn of every thread completed. */
    public boolean allCompleted() {
        return completedTurns == expectedTurns() && failedClients == 0;
    }

    public double wallSeconds() {
        return wallNanos / 1e9;
    }

    public double perSecond(long count) {
        return wallNanos == 0 ? 0 : count / wallSeconds();
    }
}
