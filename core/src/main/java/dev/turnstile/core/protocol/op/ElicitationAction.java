package dev.turnstile.core.protocol.op;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The user's answer to an MCP elicitation. */
public enum ElicitationAction {
    @JsonProperty("accept") ACCEPT,
    @JsonProperty("decline") DECLINE,
    @JsonProperty("cancel") CANCEL
}
