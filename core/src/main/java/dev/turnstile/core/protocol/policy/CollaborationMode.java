package dev.turnstile.core.protocol.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.turnstile.core.protocol.Fields;

/**
 * {@code {"mode": "default"|"plan", "settings": {"model", "reasoning_effort", "developer_instructions"}}};
 * the settings' members are always written, null included, as upstream does.
 */
public record CollaborationMode(ModeKind mode, Settings settings) {
    public CollaborationMode {
        Fields.required(mode, "mode");
        Fields.required(settings, "settings");
    }

    /** The mode {@code user_turn} defaults to: {@code default} with the turn's model and effort. */
    public static CollaborationMode defaultFor(String model, ReasoningEffort effort) {
        return new CollaborationMode(ModeKind.DEFAULT, new Settings(model, effort, null));
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Settings(String model, ReasoningEffort reasoningEffort, String developerInstructions) {
    }
}
