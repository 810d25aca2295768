package dev.turnstile.bench.dispatch;

import dev.turnstile.bench.support.BenchDirs;
import dev.turnstile.bench.support.Extras;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * <b>Dispatch hop</b>: the time from a client's publish to the moment the thread that owns the session has applied
 * the entry — and, with {@code journal=true}, appended its record — at a given offered load.
 *
 * <p><b>Against</b>: baseline (a), the Codex architecture (a bounded queue of 512 and a virtual-thread task per
 * session; journaling hands the entry to the session's rollout writer task, which appends a JSONL line with Jackson
 * and flushes it); baseline (b), a single-thread {@code java.util.concurrent} executor over a
 * {@code LinkedBlockingQueue} appending to the same Chronicle journal as Turnstile.
 *
 * <p><b>Why it is fair</b>: the three carry the same command and journal the same JSON bytes; each hop ends at the
 * same promise — the record is in the operating system's hands (Chronicle's memory-mapped file, or a flushed file
 * write), none fsyncs. Each design runs with its idiomatic waiting: Turnstile's default phased wait (spin 20 µs,
 * yield, then block), the executor's blocking queue, the virtual threads' park/unpark. One entry is in flight at a
 * time, sent on a fixed schedule ({@code rate} per second): an invocation's setup waits for the next send time (not
 * timed), the invocation publishes and spins until applied (timed; JMH SampleTime gives the percentiles). On two
 * cores that is at most two spinning threads: this client and Turnstile's shard thread.
 *
 * <p>A design slower than the schedule falls behind it, so its entries queue in front of it: JMH's numbers are the
 * hop itself (service time); the extra {@code hop at offered load} percentiles are measured from each entry's
 * scheduled send time (corrected for coordinated omission), which is what a client at that rate waits.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DispatchHopBenchmark {

    @Param({"turnstile", "codex", "executor"})
    public String impl;

    @Param({"false", "true"})
    public boolean journal;

    /** Submissions per second offered by the client. */
    @Param({"10000", "100000"})
    public int rate;

    private HopTarget target;
    private Path directory;
    private long interval;
    private long nextSend;
    private long scheduled;
    private final Histogram atOfferedLoad = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private long iterationStart;
    private long iterationSent;
    private double achievedRateSum;
    private int measuredIterations;

    @Setup(Level.Trial)
    public void open() {
        directory = BenchDirs.create("hop");
        target = HopTarget.open(impl, journal, directory);
        interval = TimeUnit.SECONDS.toNanos(1) / rate;
    }

    @Setup(Level.Iteration)
    public void startSchedule() {
        nextSend = System.nanoTime();
        iterationStart = nextSend;
        iterationSent = 0;
    }

    /** Waits (untimed) until this entry's send time; a client that fell far behind restarts its schedule. */
    @Setup(Level.Invocation)
    public void pace() {
        long now;
        while ((now = System.nanoTime()) < nextSend) {
            Thread.onSpinWait();
        }
        if (now - nextSend > TimeUnit.SECONDS.toNanos(1)) {
            nextSend = now; // e.g. after a GC pause: do not burst a second's worth of backlog
        }
        scheduled = nextSend;
        nextSend += interval;
    }

    @Benchmark
    public long hop() {
        HopTarget hop = target;
        long ticket = hop.publish();
        while (hop.applied() < ticket) {
            Thread.onSpinWait();
        }
        atOfferedLoad.recordValue(Math.max(0, System.nanoTime() - scheduled));
        iterationSent++;
        return ticket;
    }

    @TearDown(Level.Iteration)
    public void endIteration(IterationParams iteration) {
        if (iteration.getType() == IterationType.MEASUREMENT) {
            achievedRateSum += iterationSent * 1e9 / (System.nanoTime() - iterationStart);
            measuredIterations++;
        } else {
            atOfferedLoad.reset(); // keep only the measurement iterations
        }
        target.rotateJournal(); // a new, empty journal for the next iteration
    }

    @TearDown(Level.Trial)
    public void close(BenchmarkParams params) {
        target.close();
        BenchDirs.delete(directory);
        Extras.record(params, "achieved rate", achievedRateSum / Math.max(1, measuredIterations), "ops/s");
        for (double percentile : new double[] {50, 90, 99, 99.9, 99.99}) {
            Extras.record(params, "at offered load p" + trim(percentile),
                    atOfferedLoad.getValueAtPercentile(percentile) / 1000.0, "us");
        }
    }

    private static String trim(double percentile) {
        return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
    }
}
