package dev.turnstile.core.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.turnstile.core.protocol.InvalidFieldException;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.GranularApprovalConfig;
import java.io.IOException;

/** Reads and writes {@link AskForApproval}: a kebab-case string or {@code {"granular": {...}}}. */
final class AskForApprovalCodec {
    private static final String EXPECTED =
            "one of `untrusted`, `on-failure`, `on-request`, `never` or {\"granular\": {...}}";

    private AskForApprovalCodec() {
    }

    static final class Serializer extends StdSerializer<AskForApproval> {
        private static final long serialVersionUID = 1L;

        Serializer() {
            super(AskForApproval.class);
        }

        @Override
        public void serialize(AskForApproval value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            switch (value) {
                case AskForApproval.Mode mode -> gen.writeString(mode.wire());
                case AskForApproval.Granular granular -> {
                    gen.writeStartObject();
                    gen.writeFieldName("granular");
                    provider.defaultSerializeValue(granular.config(), gen);
                    gen.writeEndObject();
                }
            }
        }
    }

    static final class Deserializer extends StdDeserializer<AskForApproval> {
        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(AskForApproval.class);
        }

        @Override
        public AskForApproval deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = context.readTree(parser);
            if (node.isTextual()) {
                AskForApproval.Mode mode = AskForApproval.Mode.fromWire(node.asText());
                if (mode != null) {
                    return mode;
                }
            } else if (node.isObject() && node.size() == 1 && node.has("granular")) {
                JsonNode body = node.get("granular");
                if (!body.isObject()) {
                    throw new InvalidFieldException("granular", "an object");
                }
                return new AskForApproval.Granular(context.readTreeAsValue(body, GranularApprovalConfig.class));
            }
            throw new InvalidFieldException(null, EXPECTED);
        }
    }
}
