package dev.turnstile.core.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Turn kinds that refuse same-turn steering. */
public enum NonSteerableTurnKind {
    @JsonProperty("review") REVIEW,
    @JsonProperty("compact") COMPACT
}
