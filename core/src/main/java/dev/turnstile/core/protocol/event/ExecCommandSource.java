package dev.turnstile.core.protocol.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a command came from; {@code agent} when absent. */
public enum ExecCommandSource {
    @JsonProperty("agent") AGENT,
    @JsonProperty("user_shell") USER_SHELL,
    @JsonProperty("unified_exec_startup") UNIFIED_EXEC_STARTUP,
    @JsonProperty("unified_exec_interaction") UNIFIED_EXEC_INTERACTION
}
