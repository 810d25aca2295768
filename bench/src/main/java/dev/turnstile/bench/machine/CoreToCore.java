package dev.turnstile.bench.machine;

import dev.turnstile.core.pipeline.ThreadAffinity;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The round trip of one cache line between two CPUs: a thread on one writes a number, a thread on the other echoes
 * it back, and the first times how long that took. Every dispatch hop moves a few lines from the client's core to the
 * shard's and one back, so its p50 moves with this. On a VM the host decides which physical cores the virtual CPUs
 * run on and moves them while the guest runs: on the 2-core VM of the README the round trip between CPUs 0 and 1 was
 * about 100 ns for stretches of seconds (cores sharing a cache) and about 480 ns for others, and the hop's p50 moved
 * with it. The hop benchmark measures it before every iteration, so a reader can tell the two apart.
 *
 * <p>Two spinning threads while it runs, each pinned (best effort) to its CPU; a few milliseconds at a time.
 */
public final class CoreToCore {
    /** Pause between round trips, so each starts with the line settled on the first CPU. */
    private static final long SPACING_NANOS = 1_000;

    private CoreToCore() {
    }

    /**
     * The median round trip, in nanoseconds, between {@code fromCpu} and {@code toCpu} over {@code duration}, or NaN
     * where no echo came back within a millisecond (a machine with one CPU: the two threads then share it). The CPU
     * count is not checked here: {@code availableProcessors()} counts the calling thread's CPUs, one for a pinned
     * caller, and the threads started here pin themselves wherever the operating system lets them.
     */
    public static double medianRoundTripNanos(int fromCpu, int toCpu, Duration duration) throws InterruptedException {
        Line ping = new Line();
        Line pong = new Line();
        Thread echo = new Thread(() -> {
            ThreadAffinity.pinCurrentThread(toCpu, "round-trip echo");
            long last = 0;
            while (true) {
                long value = ping.get();
                if (value != last) {
                    last = value;
                    pong.set(value);
                    if (value < 0) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }, "round-trip-echo");
        echo.setDaemon(true);
        double[] median = {Double.NaN};
        Thread timer = new Thread(() -> {
            ThreadAffinity.pinCurrentThread(fromCpu, "round-trip timer");
            median[0] = time(ping, pong, duration.toNanos());
            ping.set(-1); // stop the echo
        }, "round-trip-timer");
        timer.setDaemon(true);
        echo.start();
        timer.start();
        timer.join();
        echo.join(1_000);
        return median[0];
    }

    private static double time(Line ping, Line pong, long nanos) {
        long[] samples = new long[(int) Math.min(1_000_000, nanos / SPACING_NANOS + 1)];
        int count = 0;
        long sequence = 0;
        long end = System.nanoTime() + nanos;
        while (count < samples.length) {
            long start = System.nanoTime();
            if (start >= end) {
                break;
            }
            ping.set(++sequence);
            long waitUntil = start + 1_000_000; // an echo descheduled for a millisecond: give up on this sample
            while (pong.get() != sequence && System.nanoTime() < waitUntil) {
                Thread.onSpinWait();
            }
            boolean echoed = pong.get() == sequence;
            long took = System.nanoTime() - start;
            if (echoed) {
                samples[count++] = took;
            } else {
                LockSupport.parkNanos(100_000);
            }
            long next = System.nanoTime() + SPACING_NANOS;
            while (System.nanoTime() < next) {
                Thread.onSpinWait();
            }
        }
        if (count == 0) {
            return Double.NaN;
        }
        long[] taken = Arrays.copyOf(samples, count);
        Arrays.sort(taken);
        return taken[count / 2];
    }

    /** One value on a cache line of its own (padded both sides), written by one thread, read by the other. */
    @SuppressWarnings("unused")
    private static final class Line {
        private long p01, p02, p03, p04, p05, p06, p07;
        private volatile long value;
        private long p11, p12, p13, p14, p15, p16, p17;

        long get() {
            return value;
        }

        void set(long next) {
            value = next;
        }
    }
}
