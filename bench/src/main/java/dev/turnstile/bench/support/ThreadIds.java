package dev.turnstile.bench.support;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Thread ids for the baselines: UUID v7 (time-ordered), as Codex and Turnstile make them. */
public final class ThreadIds {
    private ThreadIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
        long lsb = 0x8000000000000000L | (random.nextLong() & 0x3FFFFFFFFFFFFFFFL);
        return new UUID(msb, lsb).toString();
    }
}
