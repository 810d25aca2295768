package dev.turnstile.core.turn.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** One thing a sampling step produced, in the order the model produced it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ModelOutput.AssistantMessage.class, name = "assistant_message"),
        @JsonSubTypes.Type(value = ModelOutput.Reasoning.class, name = "reasoning"),
        @JsonSubTypes.Type(value = ModelOutput.FunctionCall.class, name = "function_call")})
public sealed interface ModelOutput {

    /**
     * An assistant message.
     *
     * @param text   the whole text
     * @param deltas the streamed pieces, in order; they concatenate to {@code text}
     * @param phase  {@code null}, {@code "commentary"} or {@code "final_answer"}
     */
    record AssistantMessage(String text, List<String> deltas, String phase) implements ModelOutput {
        public AssistantMessage {
            deltas = List.copyOf(deltas);
        }
    }

    /** A reasoning summary. */
    record Reasoning(String text) implements ModelOutput {
    }

    /**
     * A function (tool) call the model asks the host to run.
     *
     * @param callId    the model's id for the call; its output is reported under the same id
     * @param name      the tool (e.g. {@code shell}, {@code exec_command}, {@code request_user_input})
     * @param arguments the arguments, as the JSON text the model wrote
     */
    record FunctionCall(String callId, String name, String arguments) implements ModelOutput {
    }
}
