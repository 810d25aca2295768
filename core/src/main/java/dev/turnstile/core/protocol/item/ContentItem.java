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

/** One content part of a Responses-API message (tag {@code type}). */
@JsonPropertyOrder({"type"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public sealed interface ContentItem permits ContentItem.InputText, ContentItem.InputImage,
        ContentItem.OutputText, ContentItem.Unknown {

    @JsonProperty("type")
    default String type() {
        return WireNames.of(getClass());
    }

    /** The text of a text part ({@code input_text} or {@code output_text}), else null. */
    default String textOrNull() {
        return switch (this) {
            case InputText t -> t.text();
            case OutputText t -> t.text();
            default -> null;
        };
    }

    @WireName("input_text")
    record InputText(String text, @UnknownFields Map<String, JsonNode> unknownFields) implements ContentItem {
        public InputText {
            Fields.required(text, "text");
            unknownFields = Fields.unknown(unknownFields);
        }

        public InputText(String text) {
            this(text, Map.of());
        }
    }

    /** An image; {@code detail} is omitted when null. */
    @WireName("input_image")
    record InputImage(String imageUrl, String detail, @UnknownFields Map<String, JsonNode> unknownFields)
            implements ContentItem {
        public InputImage {
            Fields.required(imageUrl, "image_url");
            unknownFields = Fields.unknown(unknownFields);
        }

        public InputImage(String imageUrl) {
            this(imageUrl, null, Map.of());
        }
    }

    @WireName("output_text")
    record OutputText(String text, @UnknownFields Map<String, JsonNode> unknownFields) implements ContentItem {
        public OutputText {
            Fields.required(text, "text");
            unknownFields = Fields.unknown(unknownFields);
        }

        public OutputText(String text) {
            this(text, Map.of());
        }
    }

    /** A content kind this version does not know; {@code body} holds every member but {@code type}. */
    record Unknown(String type, ObjectNode body) implements ContentItem {
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
