package dev.turnstile.core.protocol.policy;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Who reviews escalated approval requests. {@code "auto_review"} is read as {@link #GUARDIAN_SUBAGENT}. */
public enum ApprovalsReviewer {
    @JsonProperty("user") USER,
    @JsonProperty("guardian_subagent") @JsonAlias("auto_review") GUARDIAN_SUBAGENT
}
