package dev.turnstile.server.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.turnstile.core.pipeline.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The demo's report: the same numbers as readable text (stdout) and as JSON ({@code --json FILE}), so a person and a
 * script read one source of truth.
 *
 * @param threads              hosted threads, all at once
 * @param turnsPerThread       closed-loop turns per thread
 * @param shards               shard dispatch threads
 * @param ringSize             ingress ring slots
 * @param waitStrategy         how idle shards waited
 * @param model                the model spec
 * @param wallSeconds          wall time of the run
 * @param turnsCompleted       turns that ended in {@code task_complete}
 * @param turnsAborted         turns that ended in {@code turn_aborted}
 * @param turnsPerSecond       completed turns per wall second
 * @param clientSubmissions    submissions from the clients
 * @param internalSubmissions  model and tool results through the ring
 * @param submissionsPerSecond all submissions through the ring per wall second
 * @param eventsOut            events the threads emitted
 * @param eventsPerSecond      events per wall second
 * @param latency              per-turn latency, submit to {@code task_complete}
 * @param overloadRetries      submissions retried because the ring was full
 * @param requestsAnswered     approvals and questions from the model script the clients answered
 * @param failedClients        clients that ended with an error
 * @param firstFailure         the first client error, or null
 * @param data                 what was persisted
 */
public record DemoReport(int threads, int turnsPerThread, int shards, int ringSize, String waitStrategy, String model,
                         double wallSeconds, long turnsCompleted, long turnsAborted, double turnsPerSecond,
                         long clientSubmissions, long internalSubmissions, double submissionsPerSecond, long eventsOut,
                         double eventsPerSecond, Latency latency, long overloadRetries, long requestsAnswered,
                         int failedClients, String firstFailure, String data) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /**
     * Latency percentiles in microseconds.
     *
     * @param samples how many turns were measured
     */
    public record Latency(long samples, double meanUs, long p50Us, long p90Us, long p99Us, long p999Us, long maxUs) {
        static Latency of(Histogram micros) {
            if (micros.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0, 0, 0);
            }
            return new Latency(micros.getTotalCount(), Math.round(micros.getMean() * 10) / 10.0,
                    micros.getValueAtPercentile(50), micros.getValueAtPercentile(90),
                    micros.getValueAtPercentile(99), micros.getValueAtPercentile(99.9), micros.getMaxValue());
        }
    }

    public static DemoReport of(DemoResult result, PipelineConfig pipeline, String model, String data) {
        long submissions = result.clientSubmissions() + result.internalSubmissions();
        return new DemoReport(result.threads(), result.turnsPerThread(), pipeline.shards(), pipeline.ringSize(),
                pipeline.waitStrategy().toString(), model, round(result.wallSeconds(), 3),
                result.completedTurns(), result.abortedTurns(), round(result.perSecond(result.completedTurns()), 1),
                result.clientSubmissions(), result.internalSubmissions(), round(result.perSecond(submissions), 1),
                result.eventsOut(), round(result.perSecond(result.eventsOut()), 1),
                Latency.of(result.latencyMicros()), result.overloadRetries(), result.requestsAnswered(),
                result.failedClients(), result.firstFailure(), data);
    }

    /** The report as text, a few aligned lines. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Turnstile demo: %,d threads x %,d turns, all threads at once, each "
                + "closed loop (next turn after task_complete)%n", threads, turnsPerThread));
        line(out, "Host", "%d shard(s), ring %,d, wait strategy %s", shards, ringSize, waitStrategy);
        line(out, "Model", "%s", model);
        line(out, "Wall time", "%.3f s", wallSeconds);
        line(out, "Turns", "%,d of %,d completed, %,.1f turns/s%s", turnsCompleted, (long) threads * turnsPerThread,
                turnsPerSecond, turnsAborted == 0 ? "" : String.format(Locale.ROOT, ", %,d aborted", turnsAborted));
        line(out, "Submissions", "%,d client (thread starts and turns) + %,d internal (model results), %,.1f/s "
                + "through the ring", clientSubmissions, internalSubmissions, submissionsPerSecond);
        line(out, "Events out", "%,d, %,.1f events/s", eventsOut, eventsPerSecond);
        line(out, "Latency", "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (submit to task_complete, %,d turns)",
                duration(latency.p50Us()), duration(latency.p90Us()), duration(latency.p99Us()),
                duration(latency.p999Us()), duration(latency.maxUs()), latency.samples());
        line(out, "Overloaded", "%,d retries (ring full; the client backed off and resubmitted)", overloadRetries);
        if (requestsAnswered > 0) {
            line(out, "Answered", "%,d approvals/questions from the model script", requestsAnswered);
        }
        if (failedClients > 0) {
            line(out, "FAILED", "%,d client(s); first: %s", failedClients, firstFailure);
        }
        line(out, "Data", "%s", data);
        return out.toString();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + System.lineSeparator();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the demo report", e);
        }
    }

    public void writeJson(Path file) throws IOException {
        Files.writeString(file, toJson());
    }

    private static void line(StringBuilder out, String label, String format, Object... args) {
        out.append(String.format(Locale.ROOT, "  %-12s ", label)).append(String.format(Locale.ROOT, format, args))
                .append(System.lineSeparator());
    }

    /** Microseconds below a millisecond, milliseconds below a second, else seconds. */
    static String duration(long micros) {
        if (micros < 1_000) {
            return micros + " us";
        }
        if (micros < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", micros / 1_000.0);
        }
        return String.format(Locale.ROOT, "%.2f s", micros / 1_000_000.0);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
