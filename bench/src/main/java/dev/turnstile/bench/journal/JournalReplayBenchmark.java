package dev.turnstile.bench.journal;

import dev.turnstile.bench.support.BenchDirs;
import dev.turnstile.bench.support.EventWaiter;
import dev.turnstile.bench.support.HostUnderTest;
import dev.turnstile.bench.support.Impl;
import dev.turnstile.bench.support.Workloads;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * <b>Replay rate</b>: rollout items read back and decoded per second, reading a whole thread of {@code turns} turns
 * (the secondary metric {@code items}; the primary score is whole threads per second).
 *
 * <p><b>Against</b>: baseline (a), Codex's loader: read the whole JSONL file and parse every line (spec §2.4).
 *
 * <p><b>Why it is fair</b>: the same thread content (built by running the same turns through each host), decoded
 * into the same item objects with the same Jackson codec; Turnstile reads through its public API
 * ({@code readRollout}: the thread's record chain in the journal). Nothing is written while measuring.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class JournalReplayBenchmark {

    @Param({"turnstile", "codex"})
    public String impl;

    @Param({"1000"})
    public int turns;

    /** Items decoded, reported as a rate next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Items {
        public long items;

        @Setup(Level.Iteration)
        public void reset() {
            items = 0;
        }
    }

    private Path directory;
    private HostUnderTest host;
    private String threadId;

    @Setup(Level.Trial)
    public void open() {
        directory = BenchDirs.create("replay");
        host = Impl.parse(impl).open(directory, 1, false);
        threadId = Workloads.thread(host, turns, new EventWaiter()).threadId();
    }

    @Benchmark
    public List<RolloutItem> replay(Items counter) {
        List<RolloutItem> items = host.readHistory(threadId);
        counter.items += items.size();
        return items;
    }

    @TearDown(Level.Trial)
    public void close() {
        host.close();
        BenchDirs.delete(directory);
    }
}
