package dev.turnstile.journal.queue;

import java.util.Locale;

/**
 * How far a record is pushed before the batch that wrote it is acknowledged.
 *
 * <ul>
 *   <li>{@link #OS} (default): records are in the memory-mapped queue file, which the operating system writes
 *       back on its own. Survives a crash of the process ({@code kill -9}); a power loss may lose the last
 *       seconds. Costs nothing per batch.</li>
 *   <li>{@link #SYNC}: at the end of every dispatch batch the queue file is synced to the device (msync/fsync)
 *       before the batch's results are acknowledged. Survives power loss; costs a device flush per batch (tens to
 *       hundreds of microseconds on an SSD, milliseconds on a disk), which batching amortises under load.</li>
 * </ul>
 */
public enum Durability {
    OS,
    SYNC;

    public static Durability parse(String text) {
        for (Durability durability : values()) {
            if (durability.name().equalsIgnoreCase(text.trim())) {
                return durability;
            }
        }
        throw new IllegalArgumentException("unknown durability '" + text + "': expected os or sync");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
