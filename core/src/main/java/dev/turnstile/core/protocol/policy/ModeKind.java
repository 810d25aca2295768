package dev.turnstile.core.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Collaboration mode kind. */
public enum ModeKind {
    @JsonProperty("default") DEFAULT,
    @JsonProperty("plan") PLAN
}
