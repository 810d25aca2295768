package dev.turnstile.core.protocol.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which stream an output chunk came from. */
public enum ExecOutputStream {
    @JsonProperty("stdout") STDOUT,
    @JsonProperty("stderr") STDERR
}
