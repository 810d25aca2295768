package dev.turnstile.core.protocol.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.Fields;
import dev.turnstile.core.protocol.UnknownFields;
import java.util.Map;

/** Totals and last-request usage; {@code model_context_window} is always written (null when unknown). */
public record TokenUsageInfo(TokenUsage totalTokenUsage, TokenUsage lastTokenUsage,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long modelContextWindow,
        @UnknownFields Map<String, JsonNode> unknownFields) {
    public TokenUsageInfo {
        Fields.required(totalTokenUsage, "total_token_usage");
        Fields.required(lastTokenUsage, "last_token_usage");
        unknownFields = Fields.unknown(unknownFields);
    }

    public TokenUsageInfo(TokenUsage totalTokenUsage, TokenUsage lastTokenUsage, Long modelContextWindow) {
        this(totalTokenUsage, lastTokenUsage, modelContextWindow, Map.of());
    }
}
