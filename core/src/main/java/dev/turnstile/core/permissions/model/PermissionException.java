package dev.turnstile.core.permissions.model;

/**
 * A permission input that cannot be accepted: an unknown profile id, a malformed profile, a configuration file
 * that cannot be read, a workspace root that is relative or escapes its base. The message names the offending
 * value (and the file and key, for configuration errors) and is meant to be shown to the user as is.
 */
public class PermissionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PermissionException(String message) {
        super(message);
    }

    public PermissionException(String message, Throwable cause) {
        super(message, cause);
    }
}
