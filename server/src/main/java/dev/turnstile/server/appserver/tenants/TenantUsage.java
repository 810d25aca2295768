package dev.turnstile.server.appserver.tenants;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.server.appserver.rpc.MessageCodec;
import dev.turnstile.server.appserver.rpc.RpcError;
import dev.turnstile.server.appserver.rpc.RpcException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * What a tenant uses right now, checked against its {@link TenantLimits}. Each check answers at once: a tenant at
 * its limit gets an error naming the limit, and nothing waits, so one tenant can never stall another.
 *
 * <p>Threading: safe from any thread (atomics; the token bucket is guarded by this object's monitor, which is held
 * for a few arithmetic operations only).
 */
public final class TenantUsage {
    private final Tenant tenant;
    private final LongSupplier nanoClock;
    private final AtomicInteger loadedThreads = new AtomicInteger();
    private final AtomicInteger inFlightTurns = new AtomicInteger();
    private double tokens;
    private long refilledAtNanos;

    public TenantUsage(Tenant tenant, LongSupplier nanoClock) {
        this.tenant = tenant;
        this.nanoClock = nanoClock;
        this.tokens = Math.min(tenant.limits().submissionsPerSecond(), Double.MAX_VALUE);
        this.refilledAtNanos = nanoClock.getAsLong();
    }

    public Tenant tenant() {
        return tenant;
    }

    /** Takes one submission from the bucket, or refuses with an error saying how many per second are allowed. */
    public void takeSubmission() {
        double rate = tenant.limits().submissionsPerSecond();
        if (Double.isInfinite(rate)) {
            return;
        }
        synchronized (this) {
            long now = nanoClock.getAsLong();
            tokens = Math.min(rate, tokens + (now - refilledAtNanos) / 1e9 * rate);
            refilledAtNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return;
            }
        }
        throw limit("submissionsPerSecond", rate, "tenant `" + tenant.id() + "` sent more than "
                + formatRate(rate) + " submissions per second; retry later");
    }

    /** Counts a thread being loaded, or refuses when the tenant already has as many as it may. */
    public void acquireLoadedThread() {
        acquire(loadedThreads, tenant.limits().loadedThreads(), "loadedThreads", "threads loaded",
                "unsubscribe from or archive a thread first");
    }

    public void releaseLoadedThread() {
        loadedThreads.decrementAndGet();
    }

    /** Counts a turn being started, or refuses when the tenant already runs as many as it may. */
    public void acquireTurn() {
        acquire(inFlightTurns, tenant.limits().inFlightTurns(), "inFlightTurns", "turns running",
                "wait for one to complete or interrupt one");
    }

    /** Takes one of {@code limit}, or gives it back and refuses: "tenant `t` has L {what}, its limit; {advice}". */
    private void acquire(AtomicInteger count, int limit, String name, String what, String advice) {
        if (count.incrementAndGet() > limit) {
            count.decrementAndGet();
            throw limit(name, limit, "tenant `" + tenant.id() + "` has " + limit + " " + what + ", its limit; "
                    + advice);
        }
    }

    public void releaseTurn() {
        inFlightTurns.decrementAndGet();
    }

    public int loadedThreads() {
        return loadedThreads.get();
    }

    public int inFlightTurns() {
        return inFlightTurns.get();
    }

    private static RpcException limit(String name, double limit, String message) {
        ObjectNode data = MessageCodec.NODES.objectNode();
        data.put("tenantLimit", name);
        if (limit == Math.rint(limit)) {
            data.put("limit", (long) limit);
        } else {
            data.put("limit", limit);
        }
        return new RpcException(new RpcError(RpcError.INVALID_REQUEST, "tenant limit reached: " + message, data));
    }

    private static String formatRate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
