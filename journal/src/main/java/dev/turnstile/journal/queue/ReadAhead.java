package dev.turnstile.journal.queue;

import java.util.Locale;

/**
 * Whether the kernel reads ahead when the journal's writer first touches a page of a queue file.
 *
 * <ul>
 *   <li>{@link #KERNEL} (default): the kernel's own read-ahead. The first write to a page is served as a read, and
 *       the kernel brings in up to the device's {@code read_ahead_kb} around it in large folios: one fault every
 *       2 MB of journal, which on the 2-core VM of the README cost 1-5 ms on the dispatch thread (the journaled
 *       hop's p99.99), and few faults in all.</li>
 *   <li>{@link #OFF}: each mapped chunk the writer touches is advised {@code MADV_RANDOM} ({@link ReadAheadAdvice}):
 *       a fault brings in its own page only. No more millisecond stalls, but a fault for every 4 KB the journal
 *       grows. Measured on that VM: appending a record every 10 µs, 6-7 stalls over 1 ms per 300,000 records became
 *       1-3, and the pinned hop's p99.99 fell from 4.0 ms to 88 µs; throughput at 10,000 threads fell from a
 *       median of 2.02-2.43 M submissions/s to 1.68-1.79 M. For hosts whose tail latency matters more than their
 *       peak rate.</li>
 * </ul>
 */
public enum ReadAhead {
    KERNEL,
    OFF;

    public static ReadAhead parse(String text) {
        for (ReadAhead mode : values()) {
            if (mode.name().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown read-ahead mode '" + text + "': expected kernel or off");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
