package dev.turnstile.core.permissions;

/** The trust decision recorded for a project directory; it picks the implicit default profile. */
public enum ProjectTrust {
    TRUSTED, UNTRUSTED, UNDECIDED
}
