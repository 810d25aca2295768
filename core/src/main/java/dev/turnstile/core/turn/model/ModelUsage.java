package dev.turnstile.core.turn.model;

/** Tokens used by one sampling step, as a Responses API {@code usage} block reports them. */
public record ModelUsage(long inputTokens, long cachedInputTokens, long outputTokens, long reasoningOutputTokens) {
    public static final ModelUsage NONE = new ModelUsage(0, 0, 0, 0);

    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
