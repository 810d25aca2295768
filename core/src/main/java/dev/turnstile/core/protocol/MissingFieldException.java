package dev.turnstile.core.protocol;

/** A required field is absent (or JSON {@code null}). */
public final class MissingFieldException extends ProtocolViolation {
    private static final long serialVersionUID = 1L;
    private final String field;

    public MissingFieldException(String field) {
        super("missing field `" + field + "`");
        this.field = field;
    }

    /** The wire name of the missing field. */
    public String field() {
        return field;
    }

    @Override
    public String describe(String path) {
        return "missing field `" + join(path, field) + "`";
    }
}
