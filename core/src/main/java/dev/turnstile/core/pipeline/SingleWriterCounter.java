package dev.turnstile.core.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A counter written by one thread and read by any: the writer increments with a plain read and a release store
 * (no atomic read-modify-write), readers use an acquire load. Padded so counters of different shards do not share
 * a cache line.
 */
final class SingleWriterCounter {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(SingleWriterCounter.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused")
    private long p01, p02, p03, p04, p05, p06, p07;
    private long value;
    @SuppressWarnings("unused")
    private long p11, p12, p13, p14, p15, p16, p17;

    /** Only the owning thread may call this. */
    void add(long delta) {
        VALUE.setRelease(this, value + delta);
    }

    long get() {
        return (long) VALUE.getAcquire(this);
    }
}
