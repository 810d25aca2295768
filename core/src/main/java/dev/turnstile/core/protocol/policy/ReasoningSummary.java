package dev.turnstile.core.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Reasoning-summary preference sent to the model. */
public enum ReasoningSummary {
    @JsonProperty("auto") AUTO,
    @JsonProperty("concise") CONCISE,
    @JsonProperty("detailed") DETAILED,
    @JsonProperty("none") NONE
}
