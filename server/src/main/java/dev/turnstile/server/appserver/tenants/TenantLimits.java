package dev.turnstile.server.appserver.tenants;

/**
 * What one tenant may use at once. A limit reached is answered with a clear error at once; it never makes the
 * tenant (or anyone else) wait.
 *
 * @param loadedThreads        threads loaded at once (started or resumed and not yet unloaded)
 * @param inFlightTurns        turns running at once, over all its threads
 * @param submissionsPerSecond requests that change a thread, per second (a token bucket with one second of burst)
 */
public record TenantLimits(int loadedThreads, int inFlightTurns, double submissionsPerSecond) {
    public static final TenantLimits UNLIMITED = new TenantLimits(Integer.MAX_VALUE, Integer.MAX_VALUE,
            Double.POSITIVE_INFINITY);

    public TenantLimits {
        if (loadedThreads < 1 || inFlightTurns < 1 || !(submissionsPerSecond > 0)) {
            throw new IllegalArgumentException("tenant limits must be positive");
        }
    }
}
