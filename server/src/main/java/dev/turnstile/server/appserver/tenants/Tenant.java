package dev.turnstile.server.appserver.tenants;

/**
 * A tenant: who owns threads. Every thread belongs to the tenant whose connection created it; a tenant never sees
 * another's threads.
 *
 * @param id     the tenant's name, as the tenants file gives it ({@code local} for stdio)
 * @param limits what one tenant may use at once, so that it cannot crowd out the others
 */
public record Tenant(String id, TenantLimits limits) {
    /** The one tenant of stdio, and of WebSocket when no tenants file is given. */
    public static final String LOCAL_ID = "local";

    public Tenant {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a tenant needs an id");
        }
        if (limits == null) {
            throw new IllegalArgumentException("a tenant needs limits");
        }
    }

    public static Tenant local() {
        return new Tenant(LOCAL_ID, TenantLimits.UNLIMITED);
    }
}
