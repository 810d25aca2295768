package dev.turnstile.bench.machine;

import dev.turnstile.core.pipeline.ThreadAffinity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor under every microsecond figure of a run: for a moment before the benchmarks, one thread per CPU the hop
 * uses spins reading the clock and counts the times it was kept from running (see {@link GapCounter}). On a shared
 * VM these interruptions, not the code, set a spinning design's p99; the report prints them beside the hop.
 *
 * <p>As many spinning threads as CPUs measured, never more than the machine has, each for {@code duration}.
 */
public final class MachineJitter {
    /** The CPUs the pinned hop runs on: its client on 0, the shard on 1. */
    public static final List<Integer> HOP_CPUS = List.of(0, 1);

    private MachineJitter() {
    }

    /** Measures each of {@code cpus} that the machine has, at once, after a short warm-up of the loop. */
    public static List<CpuJitter> measure(List<Integer> cpus, Duration warmup, Duration duration)
            throws InterruptedException {
        int available = Runtime.getRuntime().availableProcessors();
        List<Integer> measured = cpus.stream().filter(cpu -> cpu < available).toList();
        CpuJitter[] results = new CpuJitter[measured.size()];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            int slot = i;
            int cpu = measured.get(i);
            Thread thread = new Thread(() -> {
                boolean pinned = ThreadAffinity.pinCurrentThread(cpu, "jitter probe");
                spin(new GapCounter(), warmup.toNanos()); // compiles the loop before it counts
                GapCounter counter = new GapCounter();
                spin(counter, duration.toNanos());
                results[slot] = counter.result(pinned ? cpu : -1);
            }, "jitter-probe-" + cpu);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        return List.of(results);
    }

    private static void spin(GapCounter counter, long nanos) {
        long end = System.nanoTime() + nanos;
        long now;
        do {
            now = System.nanoTime();
            counter.observe(now);
        } while (now < end);
    }
}
