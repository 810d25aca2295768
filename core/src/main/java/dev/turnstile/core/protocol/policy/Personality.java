package dev.turnstile.core.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Personality preference of the agent. */
public enum Personality {
    @JsonProperty("none") NONE,
    @JsonProperty("friendly") FRIENDLY,
    @JsonProperty("pragmatic") PRAGMATIC
}
