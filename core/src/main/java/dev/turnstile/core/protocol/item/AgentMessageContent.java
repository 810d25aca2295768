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
import dev.turnstile.core.protocol.WireName;
import dev.turnstile.core.protocol.WireNames;
import java.util.Map;

/** One content part of an {@code AgentMessage} turn item; tagged PascalCase ({@code {"type":"Text",...}}). */
@JsonPropertyOrder({"type"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public sealed interface AgentMessageContent permits AgentMessageContent.Text, AgentMessageContent.Unknown {

    @JsonProperty("type")
    default String type() {
        return WireNames.of(getClass());
    }

    @WireName("Text")
    record Text(String text, @UnknownFields Map<String, JsonNode> unknownFields) implements AgentMessageContent {
        public Text {
            Fields.required(text, "text");
            unknownFields = Fields.unknown(unknownFields);
        }

        public Text(String text) {
            this(text, Map.of());
        }
    }

    /** Any other content kind, kept verbatim. */
    record Unknown(String type, ObjectNode body) implements AgentMessageContent {
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
