package dev.turnstile.bench.dispatch;

import dev.turnstile.bench.machine.CoreToCore;
import dev.turnstile.bench.support.BenchDirs;
import dev.turnstile.bench.support.Extras;
import dev.turnstile.core.pipeline.ThreadAffinity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * <p><b>Why it is fair</b>: all carry the same command and journal the same JSON bytes; each hop ends at the same
 * promise — the record is in the operating system's hands (Chronicle's memory-mapped file, or a flushed file
 * write), none fsyncs. Each design waits its idiomatic way: Turnstile's default phased wait (spin about 20 µs,
 * yield until 200 µs, then block) and, as {@code turnstile-blocking}, its blocking wait; the executor's blocking
 * queue; the virtual threads' park/unpark.
 *
 * <p><b>How</b>: one entry in flight at a time, sent on a fixed schedule ({@code rate} per second). An invocation's
 * setup waits for the next send time (untimed: parks, then yields, then spins the last 20 µs); the invocation
 * publishes and spins until the entry is applied, yielding after a few microseconds (timed; JMH SampleTime gives
 * the percentiles). On two cores that is at most two spinning threads: this client and Turnstile's shard thread.
 * On a host whose cores are busy with other work the two may share a core, and every hop then pays a context
 * switch: check the load average the report records.
 *
 * <p>A design slower than the schedule falls behind it, so its entries queue in front of it: JMH's numbers are the
 * hop itself (service time); the extras {@code at offered load p*} are measured from each entry's scheduled send
 * time (corrected for coordinated omission; a client more than a second behind restarts its schedule, so they are
 * capped near 1 s) and {@code achieved rate} is what the design sustained. Before each measurement iteration the
 * round trip of a cache line between CPUs 0 and 1 is measured (untimed; {@code cores round trip min/max}): a VM's
 * host moves its virtual CPUs between cores that share a cache and cores that do not, and the hop's p50 moves with
 * it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DispatchHopBenchmark {
    /** How long the CPUs' round trip is measured before each measurement iteration. */
    private static final Duration CORES_PROBE = Duration.ofMillis(20);
    /** A few microseconds of spinning before the waiting client starts yielding its core. */
    private static final int SPINS_BEFORE_YIELD = 200;

    /**
     * {@code turnstile}: the default (phased) wait; {@code turnstile-blocking}: the blocking wait strategy;
     * {@code turnstile-pinned}: the default wait, the shard thread pinned to CPU 1 and this client to CPU 0 (a core
     * each, as {@code --pin-shards} deploys it).
     */
    @Param({"turnstile", "turnstile-blocking", "turnstile-pinned", "codex", "executor"})
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
    private double coresMin = Double.POSITIVE_INFINITY;
    private double coresMax = Double.NEGATIVE_INFINITY;

    @Setup(Level.Trial)
    public void open() {
        directory = BenchDirs.create("hop");
        target = HopTarget.open(impl, journal, directory);
        if (impl.equals("turnstile-pinned")) {
            // After the target started its threads: a thread inherits its creator's CPUs.
            ThreadAffinity.pinCurrentThread(TurnstileHop.PINNED_CLIENT_CPU, "hop client");
        }
        interval = TimeUnit.SECONDS.toNanos(1) / rate;
    }

    @Setup(Level.Iteration)
    public void startSchedule(IterationParams iteration) throws InterruptedException {
        if (iteration.getType() == IterationType.MEASUREMENT) {
            measureCores();
        }
        nextSend = System.nanoTime();
        iterationStart = nextSend;
        iterationSent = 0;
    }

    /**
     * The round trip of a cache line between the two CPUs, just before the iteration (see {@link CoreToCore}): on a
     * VM it moves with where the host runs the virtual CPUs, and every hop's p50 moves with it. The designs under
     * test are idle by then (a spinning shard blocks after 200 µs without entries).
     */
    private void measureCores() throws InterruptedException {
        Thread.sleep(2);
        double roundTrip = CoreToCore.medianRoundTripNanos(0, 1, CORES_PROBE);
        if (!Double.isNaN(roundTrip)) {
            coresMin = Math.min(coresMin, roundTrip);
            coresMax = Math.max(coresMax, roundTrip);
        }
    }

    /**
     * Waits (untimed) until this entry's send time, parking or yielding while the time is far, so the client leaves
     * the cores to the threads under test; a client that fell far behind restarts its schedule.
     */
    @Setup(Level.Invocation)
    public void pace() {
        long now;
        while ((now = System.nanoTime()) < nextSend) {
            long remaining = nextSend - now;
            if (remaining > 150_000) {
                LockSupport.parkNanos(remaining - 100_000);
            } else if (remaining > 20_000) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
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
        int spins = 0;
        while (hop.applied() < ticket) {
            if (++spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // on a busy 2-core host the thread we wait for may need this core
            }
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
        if (coresMin <= coresMax) {
            Extras.record(params, "cores round trip min", coresMin, "ns");
            Extras.record(params, "cores round trip max", coresMax, "ns");
        }
        for (double percentile : new double[] {50, 90, 99, 99.9, 99.99}) {
            Extras.record(params, "at offered load p" + trim(percentile),
                    atOfferedLoad.getValueAtPercentile(percentile) / 1000.0, "us");
        }
    }

    private static String trim(double percentile) {
        return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
    }
}
