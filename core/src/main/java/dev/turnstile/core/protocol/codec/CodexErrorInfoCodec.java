package dev.turnstile.core.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.turnstile.core.protocol.policy.CodexErrorInfo;
import dev.turnstile.core.protocol.policy.NonSteerableTurnKind;
import java.io.IOException;

/**
 * Reads and writes {@link CodexErrorInfo}: unit variants as strings, struct variants as single-key objects;
 * anything else is kept as {@link CodexErrorInfo.Unknown}, since these values are read back from files.
 */
final class CodexErrorInfoCodec {
    private CodexErrorInfoCodec() {
    }

    static final class Serializer extends StdSerializer<CodexErrorInfo> {
        private static final long serialVersionUID = 1L;

        Serializer() {
            super(CodexErrorInfo.class);
        }

        @Override
        public void serialize(CodexErrorInfo value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            switch (value) {
                case CodexErrorInfo.Kind kind -> gen.writeString(kind.wire());
                case CodexErrorInfo.HttpFailure failure -> {
                    gen.writeStartObject();
                    gen.writeObjectFieldStart(failure.tag().wire());
                    if (failure.httpStatusCode() == null) {
                        gen.writeNullField("http_status_code");
                    } else {
                        gen.writeNumberField("http_status_code", failure.httpStatusCode());
                    }
                    gen.writeEndObject();
                    gen.writeEndObject();
                }
                case CodexErrorInfo.ActiveTurnNotSteerable notSteerable -> {
                    gen.writeStartObject();
                    gen.writeObjectFieldStart(CodexErrorInfo.ActiveTurnNotSteerable.TAG);
                    gen.writeFieldName("turn_kind");
                    provider.defaultSerializeValue(notSteerable.turnKind(), gen);
                    gen.writeEndObject();
                    gen.writeEndObject();
                }
                case CodexErrorInfo.Unknown unknown -> gen.writeTree(unknown.raw());
            }
        }
    }

    static final class Deserializer extends StdDeserializer<CodexErrorInfo> {
        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(CodexErrorInfo.class);
        }

        @Override
        public CodexErrorInfo deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = context.readTree(parser);
            if (node.isTextual()) {
                CodexErrorInfo.Kind kind = CodexErrorInfo.Kind.fromWire(node.asText());
                return kind != null ? kind : new CodexErrorInfo.Unknown(node);
            }
            if (node.isObject() && node.size() == 1) {
                String tag = node.fieldNames().next();
                JsonNode body = node.get(tag);
                CodexErrorInfo.HttpFailure.Tag httpTag = CodexErrorInfo.HttpFailure.Tag.fromWire(tag);
                if (httpTag != null && body.isObject() && body.size() == 1 && body.has("http_status_code")) {
                    JsonNode code = body.get("http_status_code");
                    if (code.isNull()) {
                        return new CodexErrorInfo.HttpFailure(httpTag, null);
                    }
                    if (code.canConvertToInt() && code.isIntegralNumber()) {
                        return new CodexErrorInfo.HttpFailure(httpTag, code.intValue());
                    }
                }
                if (CodexErrorInfo.ActiveTurnNotSteerable.TAG.equals(tag) && body.isObject() && body.size() == 1
                        && body.hasNonNull("turn_kind")) {
                    NonSteerableTurnKind turnKind = switch (body.get("turn_kind").asText()) {
                        case "review" -> NonSteerableTurnKind.REVIEW;
                        case "compact" -> NonSteerableTurnKind.COMPACT;
                        default -> null;
                    };
                    if (turnKind != null) {
                        return new CodexErrorInfo.ActiveTurnNotSteerable(turnKind);
                    }
                }
            }
            return new CodexErrorInfo.Unknown(node);
        }
    }
}
