package dev.turnstile.core.protocol.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.Fields;
import dev.turnstile.core.protocol.UnknownFields;
import dev.turnstile.core.protocol.item.ResponseItem;
import java.util.List;
import java.util.Map;

/**
 * The payload of a {@code compacted} line: the summary message and, for remote compaction, the history that
 * replaces everything before it ({@code replacement_history} omitted when null).
 */
public record CompactedItem(String message, List<ResponseItem> replacementHistory,
        @UnknownFields Map<String, JsonNode> unknownFields) {
    public CompactedItem {
        Fields.required(message, "message");
        replacementHistory = Fields.listOrNull(replacementHistory);
        unknownFields = Fields.unknown(unknownFields);
    }

    public CompactedItem(String message, List<ResponseItem> replacementHistory) {
        this(message, replacementHistory, Map.of());
    }
}
