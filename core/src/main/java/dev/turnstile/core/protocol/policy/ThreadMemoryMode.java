package dev.turnstile.core.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a thread stays eligible for memory generation. */
public enum ThreadMemoryMode {
    @JsonProperty("enabled") ENABLED,
    @JsonProperty("disabled") DISABLED
}
