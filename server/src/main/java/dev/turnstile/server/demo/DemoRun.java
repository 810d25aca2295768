package dev.turnstile.server.demo;

import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.core.pipeline.PipelineCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the demo's load on a host: {@code threads} hosted threads at once, each driven closed loop by its own
 * {@link DemoClient} for {@code turns} turns. The host is the caller's (it chooses shards, ring, wait strategy and
 * model, and closes it); this class only drives it and measures.
 */
public final class DemoRun {
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private final TurnstileHost host;
    private final int threads;
    private final int turns;
    private final String cwd;
    private final DemoMetrics metrics = new DemoMetrics();

    public DemoRun(TurnstileHost host, int threads, int turns, String cwd) {
        if (threads < 1 || turns < 1) {
            throw new IllegalArgumentException("threads and turns must be >= 1, were " + threads + " and " + turns);
        }
        this.host = host;
        this.threads = threads;
        this.turns = turns;
        this.cwd = cwd;
    }

    /** Live counts while the run goes on (for the progress bar). */
    public DemoMetrics metrics() {
        return metrics;
    }

    /** The id of the first client's thread (null before it started). */
    public String firstThreadId() {
        return metrics.sampleThreadId();
    }

    public long totalTurns() {
        return (long) threads * turns;
    }

    /** Runs every client to its end and returns what was measured; the host is left running. */
    public DemoResult run() throws InterruptedException {
        PipelineCounters counters = host.counters();
        long clientBefore = counters.clientSubmissions();
        long appliedBefore = applied(counters);
        long eventsBefore = counters.eventsOut();
        long start = System.nanoTime();
        List<Future<?>> clients = new ArrayList<>(threads);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < threads; i++) {
                clients.add(executor.submit(new DemoClient(host, i, turns, cwd, metrics)));
            }
        } // waits for every client
        long wallNanos = System.nanoTime() - start;
        int failed = 0;
        String firstFailure = null;
        for (Future<?> client : clients) {
            try {
                client.get();
            } catch (ExecutionException e) {
                failed++;
                if (firstFailure == null) {
                    firstFailure = String.valueOf(e.getCause().getMessage());
                }
            }
        }
        // A client can see task_complete a moment before the counters include it (the pipeline counts an event
        // after offering it, and an entry after publishing it). Once the ring is drained, what the shards applied
        // and the events they counted are exact; the clients' own submissions were counted on their threads.
        if (!host.awaitDrained(DRAIN_TIMEOUT)) {
            throw new IllegalStateException("the host did not drain within " + DRAIN_TIMEOUT.toSeconds() + " s");
        }
        long client = counters.clientSubmissions() - clientBefore;
        long internal = applied(counters) - appliedBefore - client;
        return new DemoResult(threads, turns, wallNanos, metrics.completedTurns(), metrics.abortedTurns(),
                client, internal, counters.eventsOut() - eventsBefore, metrics.overloadRetries(), metrics.requestsAnswered(),
                failed, firstFailure, metrics.takeLatencies());
    }

    /** Entries applied by all shards: every entry is applied by exactly one shard. */
    private static long applied(PipelineCounters counters) {
        long sum = 0;
        for (int shard = 0; shard < counters.shards(); shard++) {
            sum += counters.applied(shard);
        }
        return sum;
    }
}
