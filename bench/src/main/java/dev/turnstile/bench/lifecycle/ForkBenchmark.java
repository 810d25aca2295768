package dev.turnstile.bench.lifecycle;

import dev.turnstile.bench.support.EventWaiter;
import dev.turnstile.bench.support.Extras;
import dev.turnstile.bench.support.HostedThread;
import dev.turnstile.bench.support.Workloads;
import java.util.concurrent.TimeUnit;
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
 * <b>Fork</b> of a thread of {@code turns} turns, whole: the client asks for a fork and waits for the child's
 * {@code session_configured} (its history rebuilt, its rollout materialised). The extra {@code bytes written per
 * fork} is what the child's own records occupy once the fork is done.
 *
 * <p><b>Against</b>: baseline (a), Codex's way (spec §2.11): read the parent's whole file, reconstruct, copy every
 * item into the child's new file (a line at a time, flushed), then answer.
 *
 * <p><b>Why it is fair</b>: the same reconstruction runs on the same items; Turnstile's fork is whatever its public
 * {@code forkThread} does today (the journal records a pointer to the parent's records). Each child is shut down in
 * the untimed teardown; forking leaves the parent unchanged, so no rebuild is needed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ForkBenchmark {

    @Param({"turnstile", "codex"})
    public String impl;

    @Param({"10", "1000", "10000"})
    public int turns;

    private Fixture fixture;
    private String parentId;
    private HostedThread child;
    private EventWaiter events;
    private boolean measuring;
    private long forks;
    private long bytes;
    private long maxBytes;

    @Setup(Level.Trial)
    public void open() {
        fixture = new Fixture(impl, "fork");
        parentId = Workloads.thread(fixture.host, turns, new EventWaiter()).threadId();
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
    }

    @Benchmark
    public HostedThread fork() {
        events = new EventWaiter();
        child = fixture.host.fork(parentId, events);
        events.awaitConfigured(1);
        return child;
    }

    @TearDown(Level.Invocation)
    public void release() {
        Workloads.drain(fixture.host);
        if (measuring) {
            long written = fixture.host.bytesWritten(events.threadId());
            forks++;
            bytes += written;
            maxBytes = Math.max(maxBytes, written);
        }
        Workloads.shutdown(fixture.host, child, events);
    }

    @TearDown(Level.Trial)
    public void close(BenchmarkParams params) {
        fixture.close();
        Extras.record(params, "bytes written per fork", forks == 0 ? 0 : (double) bytes / forks, "bytes");
        Extras.record(params, "bytes written per fork, max", maxBytes, "bytes");
    }
}
