package dev.turnstile.core.permissions.model;

import java.util.Locale;

/**
 * Access granted by a filesystem entry. Declaration order is the conflict precedence used when two equally
 * specific entries name the same path: {@code none} beats {@code write}, which beats {@code read}.
 */
public enum FileSystemAccess {
    READ, WRITE, NONE;

    public boolean canRead() {
        return this != NONE;
    }

    public boolean canWrite() {
        return this == WRITE;
    }

    /** The wire and configuration spelling: {@code read}, {@code write}, {@code none}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the wire spelling; {@code deny} is accepted as a synonym of {@code none} (later Codex versions write
     * it). Returns null for anything else.
     */
    public static FileSystemAccess parse(String value) {
        return switch (value) {
            case "read" -> READ;
            case "write" -> WRITE;
            case "none", "deny" -> NONE;
            default -> null;
        };
    }
}
