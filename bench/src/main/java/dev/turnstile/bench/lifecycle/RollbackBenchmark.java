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
 * <b>Rollback of one turn</b> on a thread of {@code turns} turns: the client submits {@code thread_rollback
 * {num_turns: 1}} and waits for {@code thread_rolled_back} (spec §2.9: the history is rebuilt, {@code token_count}
 * recomputed, the marker persisted).
 *
 * <p><b>Against</b>: baseline (a), Codex's way: flush the rollout writer, read the thread's whole JSONL file back,
 * parse every line, reconstruct (spec §2.4, §2.9).
 *
 * <p><b>Why it is fair</b>: both run the core's same rollback handler and reconstruction on the same turns (the
 * scripted echo model); they differ only in where the history comes from — Turnstile's journal (through its public
 * API, so whatever the journal does today is measured) or the whole file. Threads are built in the untimed setup.
 * A thread loses a turn per rollback, so after a tenth of its turns (at least one) it is replaced by a freshly
 * built one: every measured rollback sees between 90% and 100% of the nominal length.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RollbackBenchmark {

    @Param({"turnstile", "codex"})
    public String impl;

    @Param({"10", "1000", "10000"})
    public int turns;

    private Fixture fixture;
    private HostedThread thread;
    private EventWaiter events;
    private int rolledBack;

    @Setup(Level.Trial)
    public void open() {
        fixture = new Fixture(impl, "rollback");
        build();
    }

    private void build() {
        if (thread != null) {
            Workloads.shutdown(fixture.host, thread, events);
        }
        events = new EventWaiter();
        thread = Workloads.thread(fixture.host, turns, events);
        rolledBack = 0;
    }

    @Setup(Level.Invocation)
    public void keepLength() {
        if (rolledBack >= Fixture.driftBudget(turns)) {
            build();
        }
    }

    @Benchmark
    public long rollbackOneTurn() {
        fixture.host.submit(thread, Workloads.ROLLBACK_ONE);
        events.awaitRolledBack(++rolledBack);
        return rolledBack;
    }

    @TearDown(Level.Trial)
    public void close() {
        fixture.close();
    }
}
