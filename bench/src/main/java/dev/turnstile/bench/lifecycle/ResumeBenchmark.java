package dev.turnstile.bench.lifecycle;

import dev.turnstile.bench.support.EventWaiter;
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

/**
 * <b>Resume</b> of a stored thread of {@code turns} turns that is not hosted (it was shut down): the client asks
 * to resume it and waits for its {@code session_configured}, by which time its state — history, settings, token
 * usage — is rebuilt (spec §2.7, §2.11).
 *
 * <p><b>Against</b>: baseline (a), Codex's way: read the thread's whole JSONL file and reconstruct from every item.
 *
 * <p><b>Why it is fair</b>: the same reconstruction code runs on the same items; only the source differs (the
 * journal through Turnstile's public resume, or the whole file). Each resumed thread is shut down again in the
 * untimed teardown; since every resume and shutdown adds a few records, the thread is replaced by a freshly built
 * one after a tenth of its turns' worth of cycles (at least one).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ResumeBenchmark {

    @Param({"turnstile", "codex"})
    public String impl;

    @Param({"10", "1000", "10000"})
    public int turns;

    private Fixture fixture;
    private String threadId;
    private HostedThread resumed;
    private EventWaiter events;
    private int cycles;

    @Setup(Level.Trial)
    public void open() {
        fixture = new Fixture(impl, "resume");
        build();
    }

    private void build() {
        EventWaiter building = new EventWaiter();
        HostedThread thread = Workloads.thread(fixture.host, turns, building);
        Workloads.shutdown(fixture.host, thread, building);
        threadId = thread.threadId();
        cycles = 0;
    }

    @Benchmark
    public HostedThread resume() {
        events = new EventWaiter();
        resumed = fixture.host.resume(threadId, events);
        events.awaitConfigured(1);
        return resumed;
    }

    @TearDown(Level.Invocation)
    public void unload() {
        Workloads.shutdown(fixture.host, resumed, events);
        if (++cycles >= Fixture.driftBudget(turns)) {
            build();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        fixture.close();
    }
}
