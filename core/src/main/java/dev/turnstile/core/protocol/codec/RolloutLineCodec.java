package dev.turnstile.core.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
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

        @Override
        public RolloutLine deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = context.readTree(parser);
            if (!node.isObject()) {
                throw new InvalidFieldException(null, "a JSON object");
            }
            String timestamp = null;
            Long ordinal = null;
            String type = null;
            JsonNode payload = null;
            JsonNode metadata = null;
            Map<String, JsonNode> unknown = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                JsonNode value = member.getValue();
                switch (member.getKey()) {
                    case "timestamp" -> timestamp = text(value, "timestamp");
                    case "ordinal" -> {
                        if (value.isNull()) {
                            unknown.put("ordinal", value);
                        } else if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
                            ordinal = value.longValue();
                        } else {
                            throw new InvalidFieldException("ordinal", "a non-negative integer");
                        }
                    }
                    case "type" -> type = text(value, "type");
                    case "payload" -> payload = value;
                    case "metadata" -> metadata = value;
                    default -> unknown.put(member.getKey(), value);
                }
            }
            if (timestamp == null) {
                throw new MissingFieldException("timestamp");
            }
            if (type == null) {
                throw new MissingFieldException("type");
            }
            RolloutItem item = item(type, payload, context);
            return new RolloutLine(timestamp, ordinal, item, metadata, unknown);
        }

        private static RolloutItem item(String type, JsonNode payload, DeserializationContext context)
                throws IOException {
            Class<?> payloadType = switch (type) {
                case RolloutItem.SessionMetaLine.TYPE -> SessionMeta.class;
                case RolloutItem.ResponseItemLine.TYPE -> ResponseItem.class;
                case RolloutItem.CompactedLine.TYPE -> CompactedItem.class;
                case RolloutItem.TurnContextLine.TYPE -> TurnContextItem.class;
                case RolloutItem.EventMsgLine.TYPE -> EventMsg.class;
                default -> null;
            };
            if (payloadType == null) {
                return new RolloutItem.Unknown(type, payload);
            }
            if (payload == null || payload.isNull()) {
                throw new MissingFieldException("payload");
            }
            Object value;
            try {
                value = context.readTreeAsValue(payload, payloadType);
            } catch (JsonMappingException e) {
                e.prependPath(payload, "payload");
                throw e;
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.wrapWithPath(e, payload, "payload");
            }
            return switch (value) {
                case SessionMeta meta -> new RolloutItem.SessionMetaLine(meta);
                case ResponseItem responseItem -> new RolloutItem.ResponseItemLine(responseItem);
                case CompactedItem compacted -> new RolloutItem.CompactedLine(compacted);
                case TurnContextItem turnContext -> new RolloutItem.TurnContextLine(turnContext);
                case EventMsg event -> new RolloutItem.EventMsgLine(event);
                default -> throw new IllegalStateException("unexpected payload " + value.getClass());
            };
        }

        private static String text(JsonNode value, String field) {
            if (!value.isTextual()) {
                throw new InvalidFieldException(field, "a string");
            }
            return value.asText();
        }
    }
}
