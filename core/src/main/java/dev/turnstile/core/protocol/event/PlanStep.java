package dev.turnstile.core.protocol.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.turnstile.core.protocol.Fields;

/** One step of a {@code plan_update}: {@code {"step", "status"}}. */
public record PlanStep(String step, Status status) {
    public PlanStep {
        Fields.required(step, "step");
        Fields.required(status, "status");
    }

    public enum Status {
        @JsonProperty("pending") PENDING,
        @JsonProperty("in_progress") IN_PROGRESS,
        @JsonProperty("completed") COMPLETED
    }
}
