package dev.turnstile.core.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Outbound network setting of an external sandbox. */
public enum NetworkAccess {
    @JsonProperty("restricted") RESTRICTED,
    @JsonProperty("enabled") ENABLED
}
