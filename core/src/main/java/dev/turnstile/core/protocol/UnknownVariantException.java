package dev.turnstile.core.protocol;

/** A tagged value carries a tag this protocol does not know (and the union has no catch-all). */
public final class UnknownVariantException extends ProtocolViolation {
    private static final long serialVersionUID = 1L;
    private final String union;
    private final String tag;
    private final String field;

    /**
     * @param union what is being decoded, as a person would say it: {@code "op"}, {@code "input item"}
     * @param tag the tag that was found
     */
    public UnknownVariantException(String union, String tag) {
        this(union, tag, null);
    }

    /** As above, for a value found in {@code field} (e.g. {@code items[2]}) of the object being built. */
    public UnknownVariantException(String union, String tag, String field) {
        super("unknown " + union + " type `" + tag + "`" + (field == null ? "" : " at `" + field + "`"));
        this.union = union;
        this.tag = tag;
        this.field = field;
    }

    public String union() {
        return union;
    }

    public String tag() {
        return tag;
    }

    /** Where the value was found relative to the object being built, or null. */
    public String field() {
        return field;
    }

    @Override
    public String describe(String path) {
        String base = "unknown " + union + " type `" + tag + "`";
        String where = join(path, field);
        return where.isEmpty() ? base : base + " at `" + where + "`";
    }
}
