package dev.turnstile.journal.queue;

import java.util.concurrent.atomic.AtomicBoolean;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.posix.MAdviseFlag;
import net.openhft.posix.PosixAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the kernel not to read ahead around faults on the writer's mapping of a queue file ({@code madvise} with
 * {@code MADV_RANDOM}, once per mapped chunk), where the journal runs with {@link ReadAhead#OFF}.
 *
 * <p>Why: the first write to a page of the file is served as a read. The kernel brings the page into its cache
 * before the write can go on and, left to itself, reads ahead around it: up to the device's {@code read_ahead_kb}
 * (8 MB on the 2-core VM of the README), in large folios, zero-filling what the file has not written yet. For the
 * appending thread that was one fault at every 2 MB boundary of the file costing 1-5 ms (appending a record every
 * 10 µs, timing each append and each batch end), the hop's p99.99. Advised, each fault brings in its own page, and
 * the pre-faulting at the end of a batch ({@link ShardJournal}) pays for one page at a time: no long stall, but more
 * faults in all (see {@link ReadAhead} for what that cost).
 *
 * <p>The advice is on the mapping, which readers of the same queue in this process share: they lose read-ahead on
 * the chunks the writer has touched, the newest ones, whose pages the writer has just brought in. A reader of an
 * older chunk, or another process replaying the journal, reads ahead as usual.
 *
 * <p>Best effort: where the call is not available (not Linux, no native access) it is skipped and said once.
 */
final class ReadAheadAdvice {
    private static final Logger LOG = LoggerFactory.getLogger(ReadAheadAdvice.class);
    private static final long PAGE = 4096;
    private static final AtomicBoolean UNAVAILABLE = new AtomicBoolean();

    private ReadAheadAdvice() {
    }

    /** Advises the chunk's whole mapping; returns whether the kernel took the advice. */
    static boolean noReadAhead(MappedBytesStore chunk) {
        if (UNAVAILABLE.get()) {
            return false;
        }
        try {
            long address = chunk.addressForRead(chunk.start());
            long aligned = address & -PAGE;
            long length = chunk.safeLimit() - chunk.start() + (address - aligned);
            int result = PosixAPI.posix().madvise(aligned, length, MAdviseFlag.MADV_RANDOM);
            if (result != 0) {
                unavailable("madvise returned " + result);
                return false;
            }
            return true;
        } catch (RuntimeException | LinkageError e) {
            unavailable(e.toString());
            return false;
        }
    }

    private static void unavailable(String why) {
        if (UNAVAILABLE.compareAndSet(false, true)) {
            LOG.info("the journal cannot turn read-ahead off on its mapped files ({}); appends may stall on the "
                    + "kernel reading ahead", why);
        }
    }
}
