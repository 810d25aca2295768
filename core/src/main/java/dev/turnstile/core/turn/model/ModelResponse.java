package dev.turnstile.core.turn.model;

import java.util.List;

/**
 * What one sampling step produced.
 *
 * @param outputs what the model produced, in order
 * @param usage   the tokens the step used
 */
public record ModelResponse(List<ModelOutput> outputs, ModelUsage usage) {
    public ModelResponse {
        outputs = List.copyOf(outputs);
    }

    /** True when the step asked for tools: the turn then runs them and samples again. */
    public boolean hasFunctionCalls() {
        for (ModelOutput output : outputs) {
            if (output instanceof ModelOutput.FunctionCall) {
                return true;
            }
        }
        return false;
    }
}
