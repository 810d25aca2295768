package dev.turnstile.bench.machine;

/**
 * How often a thread spinning on one CPU was kept from running: {@code gaps} interruptions of at least
 * {@link GapCounter#THRESHOLD_NANOS}, adding up to {@code lostNanos} of the {@code observedNanos} it spun.
 *
 * @param cpu the CPU the thread was pinned to, or -1 where pinning was refused
 */
public record CpuJitter(int cpu, long observedNanos, long gaps, long lostNanos, long longestNanos) {

    /** Interruptions of at least 10 µs per second. */
    public double gapsPerSecond() {
        return observedNanos == 0 ? 0 : gaps * 1e9 / observedNanos;
    }

    /**
     * The share of time the CPU was taken away, in percent: the chance that an entry arriving at a random moment
     * finds the thread that must pick it up not running. A spinning design's p99 cannot get below the VM's
     * interruptions where this is near or above 1%.
     */
    public double lostPercent() {
        return observedNanos == 0 ? 0 : 100.0 * lostNanos / observedNanos;
    }
}
