package dev.turnstile.core.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a turn was aborted. */
public enum TurnAbortReason {
    @JsonProperty("interrupted") INTERRUPTED,
    @JsonProperty("replaced") REPLACED,
    @JsonProperty("review_ended") REVIEW_ENDED,
    @JsonProperty("budget_limited") BUDGET_LIMITED
}
