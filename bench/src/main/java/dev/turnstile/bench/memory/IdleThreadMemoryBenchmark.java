package dev.turnstile.bench.memory;

import dev.turnstile.bench.support.BenchDirs;
import dev.turnstile.bench.support.Extras;
import dev.turnstile.bench.support.HostUnderTest;
import dev.turnstile.bench.support.Impl;
import dev.turnstile.bench.support.Workloads;
import dev.turnstile.core.pipeline.EventSubscriber;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
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

/**
 * <b>Memory per idle hosted thread</b>: {@code threads} threads are started (each subscribed to, each with its
 * journal record and index entry, none with a turn), then the heap is measured after full collections; the extra
 * {@code heap per idle thread} is (after − before) / threads. The score is the time to start them all, 10,000 at a
 * time (each batch applied before the next is sent, so no design is pushed past its queue bound).
 *
 * <p><b>Against</b>: baseline (a), whose idle session holds its queue of 512, its parked task, and its rollout
 * writer's queue and parked task; baseline (b), whose sessions live in its shards' maps like Turnstile's.
 *
 * <p><b>Why it is fair</b>: same sessions (the core's session objects, the same default settings and subscriber);
 * everything the host needs to keep a thread alive is counted, whoever holds it. A single shot, one per fork: a
 * heap measurement needs a quiet JVM.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class IdleThreadMemoryBenchmark {
    private static final EventSubscriber CLIENT = (threadId, number, event) -> true;
    /** Threads started before waiting for them: well under Turnstile's ring (65,536), so none is refused. */
    private static final int BATCH = 10_000;

    @Param({"turnstile", "codex", "executor"})
    public String impl;

    @Param({"100000"})
    public int threads;

    private Path directory;
    private HostUnderTest host;
    private long before;

    @Setup(Level.Iteration)
    public void open() {
        directory = BenchDirs.create("memory");
        host = Impl.parse(impl).open(directory, 2, false);
        before = usedHeapAfterGc();
    }

    @Benchmark
    public void startIdleThreads() {
        for (int started = 0; started < threads; started += BATCH) {
            for (int i = started; i < Math.min(threads, started + BATCH); i++) {
                host.start(CLIENT);
            }
            Workloads.drain(host); // a client that waits for its answers: no design is pushed past its queue bound
        }
    }

    @TearDown(Level.Iteration)
    public void measure(BenchmarkParams params) {
        long after = usedHeapAfterGc();
        Extras.record(params, "heap per idle thread", (double) (after - before) / threads, "bytes");
        host.close();
        BenchDirs.delete(directory);
    }

    private static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
