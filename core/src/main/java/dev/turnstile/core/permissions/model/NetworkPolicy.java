package dev.turnstile.core.permissions.model;

/** Outbound network access of a sandboxed command: {@code restricted} (the default) or {@code enabled}. */
public enum NetworkPolicy {
    RESTRICTED, ENABLED;

    public boolean isEnabled() {
        return this == ENABLED;
    }

    public String wireName() {
        return this == ENABLED ? "enabled" : "restricted";
    }

    public static NetworkPolicy of(boolean enabled) {
        return enabled ? ENABLED : RESTRICTED;
    }
}
