package dev.turnstile.core.pipeline;

import java.util.BitSet;
import net.openhft.affinity.Affinity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pins the calling thread to one CPU (OpenHFT's affinity library: {@code sched_setaffinity} on Linux). A spinning
 * shard thread that shares its core with another busy thread waits for the scheduler on every hand-over; pinned to a
 * core of its own it does not.
 *
 * <p>Pinning is best effort: where the operating system refuses (no such CPU, a container's CPU set, no native
 * support) the thread keeps running where it is and the reason is logged once per thread.
 */
public final class ThreadAffinity {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadAffinity.class);

    private ThreadAffinity() {
    }

    /**
     * Pins the calling thread to {@code cpu}.
     *
     * @param what names the thread in the log line
     * @return whether the thread now runs on {@code cpu} only
     */
    public static boolean pinCurrentThread(int cpu, String what) {
        // Not checked against availableProcessors(): that counts the calling thread's current CPUs, and a thread
        // created by a pinned one starts with its creator's single CPU. The operating system knows what it allows.
        if (cpu < 0) {
            LOG.warn("{}: cannot pin to CPU {}; left unpinned", what, cpu);
            return false;
        }
        try {
            Affinity.setAffinity(cpu);
            BitSet now = Affinity.getAffinity();
            boolean pinned = now.cardinality() == 1 && now.get(cpu);
            if (pinned) {
                LOG.info("{} pinned to CPU {}", what, cpu);
            } else {
                LOG.warn("{}: asked to pin to CPU {}, the operating system left it on CPUs {}", what, cpu, now);
            }
            return pinned;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("{}: cannot pin to CPU {} ({}); left unpinned", what, cpu, e.toString());
            return false;
        }
    }
}
