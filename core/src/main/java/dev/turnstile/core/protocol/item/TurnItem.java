package dev.turnstile.core.protocol.item;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.protocol.Fields;
import dev.turnstile.core.protocol.Tagged;
import dev.turnstile.core.protocol.UnknownFields;
import dev.turnstile.core.protocol.WireDuration;
import dev.turnstile.core.protocol.WireName;
import dev.turnstile.core.protocol.WireNames;
import java.util.List;
import java.util.Map;

/**
 * A client-facing turn item carried by {@code item_started}/{@code item_completed}. Unlike the other
 * unions its tags are PascalCase ({@code "UserMessage"}, {@code "AgentMessage"}, ...), as upstream's
 * {@code items.rs} serializes them; member names are snake_case, as Codex 0.169 writes them. Kinds not
 * modelled here ({@code McpToolCall}, {@code FileChange}, {@code DynamicToolCall}, ...) decode to
 * {@link Unknown} and are written back unchanged.
 */
@JsonPropertyOrder({"type"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public sealed interface TurnItem permits TurnItem.UserMessage, TurnItem.AgentMessage, TurnItem.Plan,
        TurnItem.Reasoning, TurnItem.CommandExecution, TurnItem.WebSearch, TurnItem.ImageGeneration,
        TurnItem.ContextCompaction, TurnItem.Unknown {

    @JsonProperty("type")
    default String type() {
        return WireNames.of(getClass());
    }

    /** The item id; every item kind has one. */
    String id();

    /** What the user sent; {@code client_id} is omitted when null. */
    @WireName("UserMessage")
    record UserMessage(String id, String clientId, List<UserInput> content,
            @UnknownFields Map<String, JsonNode> unknownFields) implements TurnItem {
        public UserMessage {
            Fields.required(id, "id");
            content = Fields.list(content);
            unknownFields = Fields.unknown(unknownFields);
        }

        public UserMessage(String id, List<UserInput> content) {
            this(id, null, content, Map.of());
        }

        /** The concatenated text of the text inputs (what the legacy {@code user_message} event carries). */
        public String joinedText() {
            StringBuilder out = new StringBuilder();
            for (UserInput input : content) {
                if (input instanceof UserInput.Text text) {
                    out.append(text.text());
                }
            }
            return out.toString();
        }
    }

    /** What the agent said; {@code phase} and {@code memory_citation} are omitted when null. */
    @WireName("AgentMessage")
    record AgentMessage(String id, List<AgentMessageContent> content, MessagePhase phase, JsonNode memoryCitation,
            @UnknownFields Map<String, JsonNode> unknownFields) implements TurnItem {
        public AgentMessage {
            Fields.required(id, "id");
            content = Fields.list(content);
            unknownFields = Fields.unknown(unknownFields);
        }

        public AgentMessage(String id, String text, MessagePhase phase) {
            this(id, List.of(new AgentMessageContent.Text(text)), phase, null, Map.of());
        }

        /** The concatenated text of the text parts. */
        public String joinedText() {
            StringBuilder out = new StringBuilder();
            for (AgentMessageContent part : content) {
                if (part instanceof AgentMessageContent.Text text) {
                    out.append(text.text());
                }
            }
            return out.toString();
        }
    }

    /** A plan produced in plan mode (the only item kind the Limited rollout policy persists). */
    @WireName("Plan")
    record Plan(String id, String text, @UnknownFields Map<String, JsonNode> unknownFields) implements TurnItem {
        public Plan {
            Fields.required(id, "id");
            Fields.required(text, "text");
            unknownFields = Fields.unknown(unknownFields);
        }

        public Plan(String id, String text) {
            this(id, text, Map.of());
        }
    }

    /** Reasoning summary (and raw content, default {@code []}). */
    @WireName("Reasoning")
    record Reasoning(String id, List<String> summaryText, List<String> rawContent,
            @UnknownFields Map<String, JsonNode> unknownFields) implements TurnItem {
        public Reasoning {
            Fields.required(id, "id");
            summaryText = Fields.list(summaryText);
            rawContent = Fields.list(rawContent);
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    /**
     * A command run by the agent or the user; optional members are omitted when null. {@code source} and
     * {@code status} stay strings so that values added by newer versions still read.
     */
    @WireName("CommandExecution")
    record CommandExecution(String id, String processId, List<String> command, String cwd, List<JsonNode> parsedCmd,
            String source, String interactionInput, String status, String stdout, String stderr,
            String aggregatedOutput, Integer exitCode, WireDuration duration, String formattedOutput,
            @UnknownFields Map<String, JsonNode> unknownFields) implements TurnItem {
        public CommandExecution {
            Fields.required(id, "id");
            command = Fields.list(command);
            parsedCmd = Fields.list(parsedCmd);
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    @WireName("WebSearch")
    record WebSearch(String id, String query, JsonNode action, @UnknownFields Map<String, JsonNode> unknownFields)
            implements TurnItem {
        public WebSearch {
            Fields.required(id, "id");
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    @WireName("ImageGeneration")
    record ImageGeneration(String id, String status, String revisedPrompt, String result, String savedPath,
            @UnknownFields Map<String, JsonNode> unknownFields) implements TurnItem {
        public ImageGeneration {
            Fields.required(id, "id");
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    /** The history was compacted. */
    @WireName("ContextCompaction")
    record ContextCompaction(String id, @UnknownFields Map<String, JsonNode> unknownFields) implements TurnItem {
        public ContextCompaction {
            Fields.required(id, "id");
            unknownFields = Fields.unknown(unknownFields);
        }

        public ContextCompaction(String id) {
            this(id, Map.of());
        }
    }

    /** Any other item kind, kept verbatim; {@code body} holds every member but {@code type}. */
    record Unknown(String type, ObjectNode body) implements TurnItem {
        public Unknown {
            Fields.required(type, "type");
            body = body == null ? JsonNodeFactory.instance.objectNode() : body;
        }

        @Override
        public String id() {
            JsonNode id = body.get("id");
            return id == null || id.isNull() ? null : id.asText();
        }

        @JsonValue
        public ObjectNode json() {
            return Tagged.withType(type, body);
        }
    }
}
