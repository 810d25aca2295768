package dev.turnstile.core.protocol;

/** A field is present but its value breaks a rule ("must be a non-negative integer"). */
public final class InvalidFieldException extends ProtocolViolation {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String requirement;

    /**
     * @param field the wire name of the field, or {@code null} when the value itself is being decoded
     *     (the path then names it)
     * @param requirement what the value must be, e.g. {@code "a non-negative integer"}
     */
    public InvalidFieldException(String field, String requirement) {
        super(field == null ? "value must be " + requirement : "field `" + field + "` must be " + requirement);
        this.field = field;
        this.requirement = requirement;
    }

    public String field() {
        return field;
    }

    public String requirement() {
        return requirement;
    }

    @Override
    public String describe(String path) {
        String where = join(path, field);
        return where.isEmpty() ? "value must be " + requirement : "field `" + where + "` must be " + requirement;
    }
}
