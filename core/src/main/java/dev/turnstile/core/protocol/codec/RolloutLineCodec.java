package dev.turnstile.core.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.turnstile.core.protocol.InvalidFieldException;
import dev.turnstile.core.protocol.MissingFieldException;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.rollout.CompactedItem;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.RolloutLine;
import dev.turnstile.core.protocol.rollout.SessionMeta;
import dev.turnstile.core.protocol.rollout.TurnContextItem;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes {@link RolloutLine}: the line's own members ({@code timestamp}, {@code ordinal},
 * {@code metadata}) plus the adjacently tagged item ({@code type} + {@code payload}), written in that order
 * followed by any members this version does not know.
 */
final class RolloutLineCodec {
    private RolloutLineCodec() {
    }

    static final class Serializer extends StdSerializer<RolloutLine> {
        private static final long serialVersionUID = 1L;

        Serializer() {
            super(RolloutLine.class);
        }

        @Override
        public void serialize(RolloutLine line, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("timestamp", line.timestamp());
            if (line.ordinal() != null) {
                gen.writeNumberField("ordinal", line.ordinal());
            }
            RolloutItem item = line.item();
            gen.writeStringField("type", item.type());
            if (item.payload() != null) {
                gen.writeFieldName("payload");
                provider.defaultSerializeValue(item.payload(), gen);
            }
            if (line.metadata() != null) {
                gen.writeFieldName("metadata");
                gen.writeTree(line.metadata());
            }
            for (Map.Entry<String, JsonNode> member : line.unknownFields().entrySet()) {
                gen.writeFieldName(member.getKey());
                gen.writeTree(member.getValue());
            }
            gen.writeEndObject();
        }
    }

    static final class Deserializer extends StdDeserializer<RolloutLine> {
        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(RolloutLine.class);
        }

        /**
         * Streams the line: the payload is read straight from the parser when {@code type} came before it (our
         * writers' order and Codex's), and buffered as a tree only when it did not.
         */
        @Override
        public RolloutLine deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_OBJECT) {
                token = parser.nextToken();
            }
            if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT) {
                throw new InvalidFieldException(null, "a JSON object");
            }
            String timestamp = null;
            Long ordinal = null;
            String type = null;
            RolloutItem item = null;
            JsonNode bufferedPayload = null;
            JsonNode metadata = null;
            Map<String, JsonNode> unknown = null;
            for (; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "timestamp" -> timestamp = text(parser, value, "timestamp");
                    case "ordinal" -> {
                        if (value == JsonToken.VALUE_NULL) {
                            unknown = put(unknown, "ordinal", context.readTree(parser));
                        } else if (value == JsonToken.VALUE_NUMBER_INT
                                && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                                && parser.getLongValue() >= 0) {
                            ordinal = parser.getLongValue();
                        } else {
                            throw new InvalidFieldException("ordinal", "a non-negative integer");
                        }
                    }
                    case "type" -> type = text(parser, value, "type");
                    case "payload" -> {
                        if (type != null && value != JsonToken.VALUE_NULL) {
                            item = item(type, parser, context);
                            bufferedPayload = null;
                        } else {
                            bufferedPayload = context.readTree(parser);
                            item = null;
                        }
                    }
                    case "metadata" -> metadata = context.readTree(parser);
                    default -> unknown = put(unknown, name, context.readTree(parser));
                }
            }
            if (timestamp == null) {
                throw new MissingFieldException("timestamp");
            }
            if (type == null) {
                throw new MissingFieldException("type");
            }
            if (item == null || !item.type().equals(type)) {
                item = itemFromTree(type, bufferedPayload, context);
            }
            return new RolloutLine(timestamp, ordinal, item, metadata, unknown == null ? Map.of() : unknown);
        }

        private static Map<String, JsonNode> put(Map<String, JsonNode> unknown, String name, JsonNode value) {
            Map<String, JsonNode> members = unknown == null ? new LinkedHashMap<>() : unknown;
            members.put(name, value);
            return members;
        }

        private static Class<?> payloadType(String type) {
            return switch (type) {
                case RolloutItem.SessionMetaLine.TYPE -> SessionMeta.class;
                case RolloutItem.ResponseItemLine.TYPE -> ResponseItem.class;
                case RolloutItem.CompactedLine.TYPE -> CompactedItem.class;
                case RolloutItem.TurnContextLine.TYPE -> TurnContextItem.class;
                case RolloutItem.EventMsgLine.TYPE -> EventMsg.class;
                default -> null;
            };
        }

        /** The item of a known or unknown type, its payload read from the parser (positioned on its first token). */
        private static RolloutItem item(String type, JsonParser parser, DeserializationContext context)
                throws IOException {
            Class<?> payloadType = payloadType(type);
            if (payloadType == null) {
                return new RolloutItem.Unknown(type, context.readTree(parser));
            }
            try {
                return wrap(Variants.read(parser, context, payloadType));
            } catch (JsonMappingException e) {
                e.prependPath(RolloutLine.class, "payload");
                throw e;
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.wrapWithPath(e, RolloutLine.class, "payload");
            }
        }

        private static RolloutItem itemFromTree(String type, JsonNode payload, DeserializationContext context)
                throws IOException {
            Class<?> payloadType = payloadType(type);
            if (payloadType == null) {
                return new RolloutItem.Unknown(type, payload);
            }
            if (payload == null || payload.isNull()) {
                throw new MissingFieldException("payload");
            }
            try {
                return wrap(context.readTreeAsValue(payload, payloadType));
            } catch (JsonMappingException e) {
                e.prependPath(payload, "payload");
                throw e;
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.wrapWithPath(e, payload, "payload");
            }
        }

        private static RolloutItem wrap(Object value) {
            return switch (value) {
                case SessionMeta meta -> new RolloutItem.SessionMetaLine(meta);
                case ResponseItem responseItem -> new RolloutItem.ResponseItemLine(responseItem);
                case CompactedItem compacted -> new RolloutItem.CompactedLine(compacted);
                case TurnContextItem turnContext -> new RolloutItem.TurnContextLine(turnContext);
                case EventMsg event -> new RolloutItem.EventMsgLine(event);
                default -> throw new IllegalStateException("unexpected payload " + value.getClass());
            };
        }

        private static String text(JsonParser parser, JsonToken value, String field) throws IOException {
            if (value != JsonToken.VALUE_STRING) {
                throw new InvalidFieldException(field, "a string");
            }
            return parser.getText();
        }
    }
}
