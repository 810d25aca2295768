package dev.turnstile.core.protocol.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.Fields;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.ResponseItem;
import java.util.Map;

/**
 * One line of a Codex rollout file: {@code {"timestamp", "ordinal"? (0.169), "type", "payload",
 * "metadata"? (0.169), ...}}. {@code ordinal} and {@code metadata} are omitted when null; any other member
 * is kept in {@code unknownFields}. The codec writes members in that order. Timestamps are not validated
 * (upstream readers do not either).
 */
public record RolloutLine(String timestamp, Long ordinal, RolloutItem item, JsonNode metadata,
        Map<String, JsonNode> unknownFields) {
    public RolloutLine {
        Fields.required(timestamp, "timestamp");
        Fields.required(item, "type");
        unknownFields = Fields.unknown(unknownFields);
    }

    /** A line in the pinned (pre-0.169) shape. */
    public RolloutLine(String timestamp, RolloutItem item) {
        this(timestamp, null, item, null, Map.of());
    }

    public static RolloutLine of(String timestamp, EventMsg event) {
        return new RolloutLine(timestamp, new RolloutItem.EventMsgLine(event));
    }

    public static RolloutLine of(String timestamp, ResponseItem item) {
        return new RolloutLine(timestamp, new RolloutItem.ResponseItemLine(item));
    }

    public static RolloutLine of(String timestamp, SessionMeta meta) {
        return new RolloutLine(timestamp, new RolloutItem.SessionMetaLine(meta));
    }

    public static RolloutLine of(String timestamp, TurnContextItem context) {
        return new RolloutLine(timestamp, new RolloutItem.TurnContextLine(context));
    }

    public static RolloutLine of(String timestamp, CompactedItem compacted) {
        return new RolloutLine(timestamp, new RolloutItem.CompactedLine(compacted));
    }
}
