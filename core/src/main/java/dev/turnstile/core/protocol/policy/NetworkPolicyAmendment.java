package dev.turnstile.core.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A persisted allow/deny rule for one host: {@code {"host", "action": "allow"|"deny"}}. */
public record NetworkPolicyAmendment(String host, Action action) {
    public enum Action {
        @JsonProperty("allow") ALLOW,
        @JsonProperty("deny") DENY
    }
}
