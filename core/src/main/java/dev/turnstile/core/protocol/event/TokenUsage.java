package dev.turnstile.core.protocol.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.Fields;
import dev.turnstile.core.protocol.UnknownFields;
import java.util.Map;

/** Token counts of one request or a running total; members newer versions add are kept. */
public record TokenUsage(long inputTokens, long cachedInputTokens, long outputTokens, long reasoningOutputTokens,
        long totalTokens, @UnknownFields Map<String, JsonNode> unknownFields) {
    public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0, 0);

    public TokenUsage {
        unknownFields = Fields.unknown(unknownFields);
    }

    public TokenUsage(long inputTokens, long cachedInputTokens, long outputTokens, long reasoningOutputTokens,
            long totalTokens) {
        this(inputTokens, cachedInputTokens, outputTokens, reasoningOutputTokens, totalTokens, Map.of());
    }

    /** Element-wise sum of the five counts (unknown members are not carried over). */
    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, cachedInputTokens + other.cachedInputTokens,
                outputTokens + other.outputTokens, reasoningOutputTokens + other.reasoningOutputTokens,
                totalTokens + other.totalTokens);
    }
}
