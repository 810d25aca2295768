package dev.turnstile.core.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How hard a reasoning model thinks. */
public enum ReasoningEffort {
    @JsonProperty("none") NONE,
    @JsonProperty("minimal") MINIMAL,
    @JsonProperty("low") LOW,
    @JsonProperty("medium") MEDIUM,
    @JsonProperty("high") HIGH,
    @JsonProperty("xhigh") XHIGH
}
