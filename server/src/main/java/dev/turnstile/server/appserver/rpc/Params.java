package dev.turnstile.server.appserver.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request's {@code params} and answers mistakes the way Codex does (it parses params with serde, so a
 * missing member is {@code "Invalid request: missing field `input`"}), adding where the mistake is, so a person
 * can fix the request. Every read checks the JSON type; nothing is coerced.
 */
public final class Params {
    private final ObjectNode node;

    private Params(ObjectNode node) {
        this.node = node;
    }

    /** Params of a request: absent or null means "no members"; anything but an object is refused. */
    public static Params of(JsonNode params) {
        if (params == null || params.isNull() || params.isMissingNode()) {
            return new Params(MessageCodec.NODES.objectNode());
        }
        if (!params.isObject()) {
            throw RpcException.invalidRequest("Invalid request: invalid type: " + describe(params)
                    + ", expected `params` to be an object");
        }
        return new Params((ObjectNode) params);
    }

    public ObjectNode json() {
        return node;
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** The member, or null when absent or JSON null. */
    public JsonNode get(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    public String requiredString(String field) {
        String value = optionalString(field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    public String optionalString(String field) {
        JsonNode value = get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw mistyped(field, value, "a string");
        }
        return value.asText();
    }

    public Boolean optionalBoolean(String field) {
        JsonNode value = get(field);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw mistyped(field, value, "a boolean");
        }
        return value.asBoolean();
    }

    public boolean flag(String field) {
        Boolean value = optionalBoolean(field);
        return value != null && value;
    }

    /** An unsigned 32-bit integer, as Codex's {@code u32} members. */
    public Long optionalU32(String field) {
        JsonNode value = get(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > 0xFFFF_FFFFL
                || !value.canConvertToLong()) {
            throw mistyped(field, value, "an unsigned 32-bit integer (u32)");
        }
        return value.asLong();
    }

    public long requiredU32(String field) {
        Long value = optionalU32(field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    public ArrayNode requiredArray(String field) {
        ArrayNode value = optionalArray(field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    public ArrayNode optionalArray(String field) {
        JsonNode value = get(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw mistyped(field, value, "a sequence");
        }
        return (ArrayNode) value;
    }

    public List<String> optionalStrings(String field) {
        ArrayNode array = optionalArray(field);
        if (array == null) {
            return null;
        }
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isTextual()) {
                throw mistyped(field + "[" + i + "]", item, "a string");
            }
            out.add(item.asText());
        }
        return out;
    }

    public ObjectNode optionalObject(String field) {
        JsonNode value = get(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw mistyped(field, value, "a map");
        }
        return (ObjectNode) value;
    }

    public static RpcException missing(String field) {
        return RpcException.invalidRequest("Invalid request: missing field `" + field + "`");
    }

    public static RpcException mistyped(String field, JsonNode value, String expected) {
        return RpcException.invalidRequest("Invalid request: invalid type: " + describe(value) + ", expected "
                + expected + " at `" + field + "`");
    }

    /** How serde names a JSON value in its messages ({@code string "x"}, {@code integer `5`}, ...). */
    public static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            String text = value.asText();
            return "string " + MessageCodec.NODES.textNode(text.length() > 40 ? text.substring(0, 40) + "…" : text);
        }
        if (value.isBoolean()) {
            return "boolean `" + value.asText() + "`";
        }
        if (value.isIntegralNumber()) {
            return "integer `" + value.asText() + "`";
        }
        if (value.isNumber()) {
            return "floating point `" + value.asText() + "`";
        }
        if (value.isArray()) {
            return "a sequence";
        }
        return "a map";
    }
}
