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
import java.util.List;
import java.util.Map;

/**
 * One piece of user input (tag {@code type}, snake_case). {@link Unknown} keeps input kinds this version
 * does not know when they are read from a rollout; ops refuse it.
 */
@JsonPropertyOrder({"type"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public sealed interface UserInput permits UserInput.Text, UserInput.Image, UserInput.LocalImage,
        UserInput.Skill, UserInput.Mention, UserInput.Unknown {

    @JsonProperty("type")
    default String type() {
        return WireNames.of(getClass());
    }

    /** Plain text without text elements. */
    static UserInput text(String text) {
        return new Text(text, List.of());
    }

    /** Text; {@code text_elements} is always written ({@code []} when none). */
    @WireName("text")
    record Text(String text, List<TextElement> textElements, @UnknownFields Map<String, JsonNode> unknownFields)
            implements UserInput {
        public Text {
            Fields.required(text, "text");
            textElements = Fields.list(textElements);
            unknownFields = Fields.unknown(unknownFields);
        }

        public Text(String text, List<TextElement> textElements) {
            this(text, textElements, Map.of());
        }
    }

    /** An image by URL (including data URLs). */
    @WireName("image")
    record Image(String imageUrl, @UnknownFields Map<String, JsonNode> unknownFields) implements UserInput {
        public Image {
            Fields.required(imageUrl, "image_url");
            unknownFields = Fields.unknown(unknownFields);
        }

        public Image(String imageUrl) {
            this(imageUrl, Map.of());
        }
    }

    /** An image file on the client's machine. */
    @WireName("local_image")
    record LocalImage(String path, @UnknownFields Map<String, JsonNode> unknownFields) implements UserInput {
        public LocalImage {
            Fields.required(path, "path");
            unknownFields = Fields.unknown(unknownFields);
        }

        public LocalImage(String path) {
            this(path, Map.of());
        }
    }

    /** A skill selected by the user. */
    @WireName("skill")
    record Skill(String name, String path, @UnknownFields Map<String, JsonNode> unknownFields) implements UserInput {
        public Skill {
            Fields.required(name, "name");
            Fields.required(path, "path");
            unknownFields = Fields.unknown(unknownFields);
        }

        public Skill(String name, String path) {
            this(name, path, Map.of());
        }
    }

    /** A mention (e.g. of an app or connector). */
    @WireName("mention")
    record Mention(String name, String path, @UnknownFields Map<String, JsonNode> unknownFields) implements UserInput {
        public Mention {
            Fields.required(name, "name");
            Fields.required(path, "path");
            unknownFields = Fields.unknown(unknownFields);
        }

        public Mention(String name, String path) {
            this(name, path, Map.of());
        }
    }

    /** An input kind this version does not know; {@code body} holds every member but {@code type}. */
    record Unknown(String type, ObjectNode body) implements UserInput {
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
