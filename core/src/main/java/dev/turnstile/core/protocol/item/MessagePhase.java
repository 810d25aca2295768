package dev.turnstile.core.protocol.item;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Phase of an assistant message: mid-turn commentary or the final answer. */
public enum MessagePhase {
    @JsonProperty("commentary") COMMENTARY,
    @JsonProperty("final_answer") FINAL_ANSWER
}
