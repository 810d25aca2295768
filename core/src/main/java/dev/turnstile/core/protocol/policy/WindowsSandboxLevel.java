package dev.turnstile.core.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Windows sandbox mode (kebab-case on the wire). */
public enum WindowsSandboxLevel {
    @JsonProperty("disabled") DISABLED,
    @JsonProperty("restricted-token") RESTRICTED_TOKEN,
    @JsonProperty("elevated") ELEVATED
}
