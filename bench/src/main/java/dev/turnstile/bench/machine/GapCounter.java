package dev.turnstile.bench.machine;

/**
 * Counts the gaps in the timestamps a spinning thread reads back to back. Reading the clock in a loop takes tens of
 * nanoseconds; a gap of {@link #THRESHOLD_NANOS} or more is a time the thread was not running: an interrupt, the
 * hypervisor running another guest, another thread on its core.
 *
 * <p>Threading: confined to the thread that observes.
 */
final class GapCounter {
    /** A gap this long or longer counts: well above a clock read, at the scale of a dispatch hop's tail. */
    static final long THRESHOLD_NANOS = 10_000;

    private long first = Long.MIN_VALUE;
    private long last;
    private long gaps;
    private long lostNanos;
    private long longestNanos;

    /** The next timestamp read, in nanoseconds, never earlier than the previous one. */
    void observe(long now) {
        if (first == Long.MIN_VALUE) {
            first = now;
            last = now;
            return;
        }
        long gap = now - last;
        last = now;
        if (gap >= THRESHOLD_NANOS) {
            gaps++;
            lostNanos += gap;
            if (gap > longestNanos) {
                longestNanos = gap;
            }
        }
    }

    /** What was seen on {@code cpu} (-1 when the thread could not be pinned) between the first and last reads. */
    CpuJitter result(int cpu) {
        long observed = first == Long.MIN_VALUE ? 0 : last - first;
        return new CpuJitter(cpu, observed, gaps, lostNanos, longestNanos);
    }
}
