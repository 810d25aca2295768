package dev.turnstile.core.protocol.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Outcome of a command. */
public enum ExecCommandStatus {
    @JsonProperty("completed") COMPLETED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("declined") DECLINED
}
