package dev.turnstile.core.permissions.model;

/** Who enforces a profile: Codex builds the sandbox, no sandbox at all, or an external caller isolates. */
public enum Enforcement {
    MANAGED, DISABLED, EXTERNAL
}
