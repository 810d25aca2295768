package dev.turnstile.core.session;

import java.util.UUID;

/**
 * Makes ids (items, calls) as UUID v7 strings from the sequenced entry being applied, never from a random source or
 * the clock: the same entries applied again (replay, a replica) give the same ids.
 *
 * <p>The 48-bit time field is the entry's timestamp; the rest mixes the thread, the entry's per-thread sequence and
 * a counter of ids made for that entry.
 */
public final class DeterministicIds {
    private DeterministicIds() {
    }

    public static String uuidV7(long timestampMillis, long threadSalt, long threadSequence, int counter) {
        long rand = mix(threadSalt ^ (threadSequence * 0x9E3779B97F4A7C15L) ^ ((long) counter << 40));
        long msb = (timestampMillis << 16) | 0x7000L | (rand >>> 52);
        long lsb = 0x8000000000000000L | (mix(rand + counter) & 0x3FFFFFFFFFFFFFFFL);
        return new UUID(msb, lsb).toString();
    }

    /** A salt for a thread id, so two threads applying the same sequence at the same millisecond differ. */
    public static long salt(String threadId) {
        long h = 1125899906842597L;
        for (int i = 0; i < threadId.length(); i++) {
            h = 31 * h + threadId.charAt(i);
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
