package dev.turnstile.core.session.rollout;

import dev.turnstile.core.protocol.rollout.RolloutItem;

/**
 * Which rollout lines a reader wants, told by tags alone: the line's {@code type} and, for {@code event_msg} and
 * {@code response_item} lines, its payload's {@code type}. A store can then skip decoding the lines nobody wants
 * (a journal reads the tags from a line's first bytes), which is most of a rollout for a reader that wants only
 * a few kinds of events.
 */
@FunctionalInterface
public interface RolloutFilter {
    /** Every line. */
    RolloutFilter ALL = (lineType, payloadType) -> true;

    /** Event lines of these kinds, known by their wire names and aliases; nothing else. */
    @SafeVarargs
    static RolloutFilter events(Class<? extends dev.turnstile.core.protocol.event.EventMsg>... kinds) {
        java.util.Set<String> tags = new java.util.HashSet<>();
        for (Class<?> kind : kinds) {
            dev.turnstile.core.protocol.WireName name = kind.getAnnotation(dev.turnstile.core.protocol.WireName.class);
            if (name == null) {
                throw new IllegalArgumentException(kind.getName() + " has no wire name");
            }
            tags.add(name.value());
            tags.addAll(java.util.List.of(name.aliases()));
        }
        java.util.Set<String> wanted = java.util.Set.copyOf(tags);
        return (lineType, payloadType) -> RolloutItem.EventMsgLine.TYPE.equals(lineType) && wanted.contains(payloadType);
    }

    /**
     * @param lineType    the line's {@code type} ({@code event_msg}, {@code response_item}, {@code turn_context}, ...)
     * @param payloadType the payload's {@code type} for event and response-item lines, else null
     */
    boolean wants(String lineType, String payloadType);

    /** The same question asked of a decoded item. */
    default boolean wants(RolloutItem item) {
        return wants(item.type(), payloadType(item));
    }

    /** The payload's tag of an event or response-item line, else null. */
    static String payloadType(RolloutItem item) {
        return switch (item) {
            case RolloutItem.EventMsgLine line -> line.payload().type();
            case RolloutItem.ResponseItemLine line -> line.payload().type();
            default -> null;
        };
    }
}
