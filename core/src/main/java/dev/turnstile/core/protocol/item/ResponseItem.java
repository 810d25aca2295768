package dev.turnstile.core.protocol.item;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.turnstile.core.protocol.Fields;
import dev.turnstile.core.protocol.Tagged;
import dev.turnstile.core.protocol.UnknownFields;
import dev.turnstile.core.protocol.WireName;
import dev.turnstile.core.protocol.WireNames;
import java.util.List;
import java.util.Map;

/**
 * One item of model-visible history, as the Responses API shapes it (tag {@code type}, snake_case).
 *
 * <p>Every variant keeps the members it does not model in {@code unknownFields} (0.169 writes
 * {@code status} and {@code internal_chat_message_metadata_passthrough}, for example). {@code id} is
 * written when present: 0.169 writes it, and dropping it would break a faithful re-export. Legacy
 * {@code ghost_snapshot} items and any other unknown kind decode to {@link Unknown}.
 */
@JsonPropertyOrder({"type"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public sealed interface ResponseItem permits ResponseItem.Message, ResponseItem.Reasoning,
        ResponseItem.LocalShellCall, ResponseItem.FunctionCall, ResponseItem.FunctionCallOutput,
        ResponseItem.CustomToolCall, ResponseItem.CustomToolCallOutput, ResponseItem.ToolSearchCall,
        ResponseItem.ToolSearchOutput, ResponseItem.WebSearchCall, ResponseItem.ImageGenerationCall,
        ResponseItem.Compaction, ResponseItem.ContextCompaction, ResponseItem.Unknown {

    @JsonProperty("type")
    default String type() {
        return WireNames.of(getClass());
    }

    /** A chat message; {@code role} is {@code user}, {@code assistant}, {@code developer} or {@code system}. */
    @WireName("message")
    record Message(String id, String role, List<ContentItem> content, MessagePhase phase,
            @UnknownFields Map<String, JsonNode> unknownFields) implements ResponseItem {
        public Message {
            Fields.required(role, "role");
            content = Fields.list(Fields.required(content, "content"));
            unknownFields = Fields.unknown(unknownFields);
        }

        public Message(String id, String role, List<ContentItem> content, MessagePhase phase) {
            this(id, role, content, phase, Map.of());
        }

        /** A user message with one {@code input_text} part. */
        public static Message user(String text) {
            return new Message(null, "user", List.of(new ContentItem.InputText(text)), null);
        }

        /** A developer message with one {@code input_text} part. */
        public static Message developer(String text) {
            return new Message(null, "developer", List.of(new ContentItem.InputText(text)), null);
        }

        /** An assistant message with one {@code output_text} part; {@code phase} may be null. */
        public static Message assistant(String text, MessagePhase phase) {
            return new Message(null, "assistant", List.of(new ContentItem.OutputText(text)), phase);
        }

        /** The concatenated text of the text parts. */
        public String joinedText() {
            StringBuilder out = new StringBuilder();
            for (ContentItem item : content) {
                String text = item.textOrNull();
                if (text != null) {
                    out.append(text);
                }
            }
            return out.toString();
        }
    }

    /** Reasoning; {@code summary}/{@code content} are kept as JSON, {@code encrypted_content} always written. */
    @WireName("reasoning")
    record Reasoning(String id, JsonNode summary, JsonNode content,
            @JsonInclude(JsonInclude.Include.ALWAYS) String encryptedContent,
            @UnknownFields Map<String, JsonNode> unknownFields) implements ResponseItem {
        public Reasoning {
            summary = summary == null ? JsonNodeFactory.instance.arrayNode() : summary;
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    /** A legacy local-shell call; {@code call_id} is always written. */
    @WireName("local_shell_call")
    record LocalShellCall(String id, @JsonInclude(JsonInclude.Include.ALWAYS) String callId, String status,
            JsonNode action, @UnknownFields Map<String, JsonNode> unknownFields) implements ResponseItem {
        public LocalShellCall {
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    /** A function tool call; {@code arguments} is a string holding JSON, as the Responses API sends it. */
    @WireName("function_call")
    record FunctionCall(String id, String name, String namespace, String arguments, String callId,
            @UnknownFields Map<String, JsonNode> unknownFields) implements ResponseItem {
        public FunctionCall {
            Fields.required(name, "name");
            Fields.required(arguments, "arguments");
            Fields.required(callId, "call_id");
            unknownFields = Fields.unknown(unknownFields);
        }

        public FunctionCall(String name, String arguments, String callId) {
            this(null, name, null, arguments, callId, Map.of());
        }
    }

    /**
     * A function tool result; {@code output} is a JSON string or an array of content items, kept as JSON
     * (see {@link #text(String, String)} and {@link #outputText()}).
     */
    @WireName("function_call_output")
    record FunctionCallOutput(String id, String callId, JsonNode output,
            @UnknownFields Map<String, JsonNode> unknownFields) implements ResponseItem {
        public FunctionCallOutput {
            Fields.required(callId, "call_id");
            Fields.required(output, "output");
            unknownFields = Fields.unknown(unknownFields);
        }

        /** A plain-text result. */
        public static FunctionCallOutput text(String callId, String output) {
            return new FunctionCallOutput(null, callId, TextNode.valueOf(output), Map.of());
        }

        /** The output when it is a plain string, else its JSON text. */
        public String outputText() {
            return output.isTextual() ? output.asText() : output.toString();
        }
    }

    /** A freeform (custom) tool call. */
    @WireName("custom_tool_call")
    record CustomToolCall(String id, String status, String callId, String name, String namespace, String input,
            @UnknownFields Map<String, JsonNode> unknownFields) implements ResponseItem {
        public CustomToolCall {
            Fields.required(callId, "call_id");
            Fields.required(name, "name");
            Fields.required(input, "input");
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    /** A freeform tool result; {@code output} as for {@link FunctionCallOutput}. */
    @WireName("custom_tool_call_output")
    record CustomToolCallOutput(String id, String callId, String name, JsonNode output,
            @UnknownFields Map<String, JsonNode> unknownFields) implements ResponseItem {
        public CustomToolCallOutput {
            Fields.required(callId, "call_id");
            Fields.required(output, "output");
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    /** A tool-search call; {@code call_id} is always written. */
    @WireName("tool_search_call")
    record ToolSearchCall(String id, @JsonInclude(JsonInclude.Include.ALWAYS) String callId, String status,
            String execution, JsonNode arguments, @UnknownFields Map<String, JsonNode> unknownFields)
            implements ResponseItem {
        public ToolSearchCall {
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    /** A tool-search result; {@code call_id} is always written. */
    @WireName("tool_search_output")
    record ToolSearchOutput(String id, @JsonInclude(JsonInclude.Include.ALWAYS) String callId, String status,
            String execution, JsonNode tools, @UnknownFields Map<String, JsonNode> unknownFields)
            implements ResponseItem {
        public ToolSearchOutput {
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    /** A hosted web search. */
    @WireName("web_search_call")
    record WebSearchCall(String id, String status, JsonNode action,
            @UnknownFields Map<String, JsonNode> unknownFields) implements ResponseItem {
        public WebSearchCall {
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    /** A hosted image generation. */
    @WireName("image_generation_call")
    record ImageGenerationCall(String id, String status, String revisedPrompt, String result,
            @UnknownFields Map<String, JsonNode> unknownFields) implements ResponseItem {
        public ImageGenerationCall {
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    /** Server-side compaction summary ({@code compaction_summary} is read as this). */
    @WireName(value = "compaction", aliases = "compaction_summary")
    record Compaction(String id, String encryptedContent, @UnknownFields Map<String, JsonNode> unknownFields)
            implements ResponseItem {
        public Compaction {
            Fields.required(encryptedContent, "encrypted_content");
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    /** Context compaction marker. */
    @WireName("context_compaction")
    record ContextCompaction(String id, String encryptedContent, @UnknownFields Map<String, JsonNode> unknownFields)
            implements ResponseItem {
        public ContextCompaction {
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    /** Any other item kind (e.g. legacy {@code ghost_snapshot}); {@code body} holds every member but {@code type}. */
    record Unknown(String type, ObjectNode body) implements ResponseItem {
        public Unknown {
            Fields.required(type, "type");
            body = body == null ? JsonNodeFactory.instance.objectNode() : body;
        }

        @JsonValue
        public ObjectNode json() {
            return Tagged.withType(type, body);
        }
    }
}
