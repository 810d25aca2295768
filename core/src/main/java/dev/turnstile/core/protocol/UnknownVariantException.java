package dev.turnstile.core.protocol;

/** A tagged value carries a tag this protocol does not know (and the union has no catch-all). */
public final class UnknownVariantException extends ProtocolViolation {
    private static final long serialVersionUID = 1L;
    private final String union;
    private final String tag;

    /**
     * @param union what is being decoded, as a person would say it: {@code "op"}, {@code "input item"}
     * @param tag the tag that was found
     */
    public UnknownVariantException(String union, String tag) {
        super("unknown " + union + " type `" + tag + "`");
        this.union = union;
        this.tag = tag;
    }

    public String union() {
        return union;
    }

    public String tag() {
        return tag;
    }

    @Override
    public String describe(String path) {
        String base = "unknown " + union + " type `" + tag + "`";
        return path == null || path.isEmpty() ? base : base + " at `" + path + "`";
    }
}
