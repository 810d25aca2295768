package dev.turnstile.core.protocol.op;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a realtime session produces text or audio. */
public enum RealtimeOutputModality {
    @JsonProperty("text") TEXT,
    @JsonProperty("audio") AUDIO
}
