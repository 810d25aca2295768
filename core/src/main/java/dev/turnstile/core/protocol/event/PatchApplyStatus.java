package dev.turnstile.core.protocol.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Outcome of a patch application. */
public enum PatchApplyStatus {
    @JsonProperty("completed") COMPLETED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("declined") DECLINED
}
