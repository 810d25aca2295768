package dev.turnstile.bench.throughput;

import dev.turnstile.bench.support.BenchDirs;
import dev.turnstile.bench.support.HostUnderTest;
import dev.turnstile.bench.support.HostedThread;
import dev.turnstile.bench.support.Impl;
import dev.turnstile.bench.support.Workloads;
import dev.turnstile.core.pipeline.EventSubscriber;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * <b>Throughput</b>: submissions per second through the whole host — edge sequencing, hand-off, the session's op
 * handler, and the journal append of every submission — for {@code threads} hosted threads on {@code shards}
 * shards. One client thread submits {@value #BATCH} cheap submissions ({@code set_thread_memory_mode}) round-robin
 * over the threads and waits until all are applied and journaled; the score counts submissions.
 *
 * <p><b>Against</b>: baseline (a), the Codex architecture (a queue of 512 and a task per session, each
 * submission journaled as one JSONL line by the session's writer task, flushed per line; it has no shards, so it
 * runs with {@code shards=1}, its parallelism coming from the virtual-thread scheduler); baseline (b), a
 * single-thread executor with a {@code LinkedBlockingQueue} per shard over the same Chronicle journal.
 *
 * <p><b>Why it is fair</b>: all three apply the same ops with the core's same session code, journal every
 * submission (Turnstile journals each entry by design; the Codex baseline writes the same command JSON as a line),
 * and count a submission only once it is journaled (in the OS page cache; none fsyncs). Each back-pressures the
 * client its own idiomatic way: Turnstile answers "overloaded" and the client yields and retries, the Codex queue
 * blocks the client, the executor's queue is unbounded. A fresh host and journal per iteration (created in the
 * untimed setup, deleted in the teardown) keeps disk use bounded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ThroughputBenchmark.BATCH)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ThroughputBenchmark {
    public static final int BATCH = 32_768;
    private static final EventSubscriber IGNORE = (threadId, number, event) -> true;

    /** {@code turnstile}: the default (phased) wait; {@code turnstile-blocking}: the blocking wait strategy. */
    @Param({"turnstile", "turnstile-blocking", "codex", "executor"})
    public String impl;

    /** Hosted threads the submissions are spread over. */
    @Param({"1", "100", "10000"})
    public int threads;

    @Param({"1", "2"})
    public int shards;

    private Path directory;
    private HostUnderTest host;
    private HostedThread[] hosted;
    private int next;

    @Setup(Level.Iteration)
    public void open() {
        directory = BenchDirs.create("throughput");
        host = Impl.parse(impl).open(directory, shards, true);
        hosted = new HostedThread[threads];
        for (int i = 0; i < threads; i++) {
            hosted[i] = host.start(IGNORE);
        }
        Workloads.drain(host);
        // The threads just started are as young as the submissions: every young collection of the iteration would
        // copy them all again. A long-running host's threads are old; a full collection here (untimed) makes these
        // old too, so the iteration measures the pipeline rather than the set-up's garbage, for every design alike.
        System.gc();
        next = 0;
    }

    @Benchmark
    public void submissions() {
        HostUnderTest target = host;
        HostedThread[] all = hosted;
        int index = next;
        for (int i = 0; i < BATCH; i++) {
            target.submit(all[index], (i & 1) == 0 ? Workloads.MEMORY_OFF : Workloads.MEMORY_ON);
            if (++index == all.length) {
                index = 0;
            }
        }
        next = index;
        Workloads.drain(target);
    }

    @TearDown(Level.Iteration)
    public void close() {
        host.close();
        BenchDirs.delete(directory);
    }
}
