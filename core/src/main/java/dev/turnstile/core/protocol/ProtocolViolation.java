package dev.turnstile.core.protocol;

/**
 * A value that breaks a rule of the wire protocol (a missing required field, a field of the wrong kind,
 * an unknown tag). Thrown by record constructors and by the codec's deserializers; the codec turns it
 * into a message that names the offending field with its full path.
 */
public abstract sealed class ProtocolViolation extends IllegalArgumentException
        permits MissingFieldException, InvalidFieldException, UnknownVariantException {
    private static final long serialVersionUID = 1L;

    protected ProtocolViolation(String message) {
        super(message);
    }

    /**
     * The message with the field path completed.
     *
     * @param path where the violating value sits relative to the decoded root, e.g. {@code items[0]};
     *     empty at the root
     */
    public abstract String describe(String path);

    /** Joins a path prefix and a member name: {@code ("items[0]", "text")} gives {@code items[0].text}. */
    protected static String join(String path, String field) {
        if (path == null || path.isEmpty()) {
            return field == null ? "" : field;
        }
        return field == null || field.isEmpty() ? path : path + "." + field;
    }
}
