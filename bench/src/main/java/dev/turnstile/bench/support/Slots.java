package dev.turnstile.bench.support;

import dev.turnstile.core.pipeline.IngressSlot;
import dev.turnstile.core.pipeline.ThreadHandle;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Lets a baseline apply entries with the core's own session code ({@code ShardSessions}) without the ring: fills an
 * {@link IngressSlot} and issues a thread's next sequence number, exactly as the ingress does. Both are
 * package-private in the core, so this reaches them through private lookups (the bench runs on the class path, in
 * the core's unnamed module). A public way to do this is on the list of what the bench needs from the core.
 */
public final class Slots {
    private static final MethodHandle FILL;
    private static final MethodHandle ISSUE;

    static {
        try {
            MethodHandles.Lookup slots = MethodHandles.privateLookupIn(IngressSlot.class, MethodHandles.lookup());
            FILL = slots.findVirtual(IngressSlot.class, "fill", MethodType.methodType(void.class, ThreadHandle.class,
                    long.class, long.class, byte.class, Object.class));
            MethodHandles.Lookup handles = MethodHandles.privateLookupIn(ThreadHandle.class, MethodHandles.lookup());
            ISSUE = handles.findVirtual(ThreadHandle.class, "issueSequence",
                    MethodType.methodType(long.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Slots() {
    }

    /** Fills a slot as the ingress does between claim and publish. */
    @SuppressWarnings("rawtypes")
    public static void fill(IngressSlot slot, ThreadHandle thread, long sequence, long timestampMillis, byte origin,
                            Object payload) {
        try {
            FILL.invokeExact(slot, thread, sequence, timestampMillis, origin, payload);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot fill an ingress slot", e);
        }
    }

    /** The thread's next sequence number; call it holding the handle's monitor, as the ingress does. */
    public static long issueSequence(ThreadHandle thread) {
        try {
            return (long) ISSUE.invokeExact(thread, 0L);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot issue a sequence number", e);
        }
    }
}
