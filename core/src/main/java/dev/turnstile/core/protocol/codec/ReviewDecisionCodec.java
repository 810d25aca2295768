package dev.turnstile.core.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.turnstile.core.protocol.InvalidFieldException;
import dev.turnstile.core.protocol.MissingFieldException;
import dev.turnstile.core.protocol.policy.NetworkPolicyAmendment;
import dev.turnstile.core.protocol.policy.ReviewDecision;
import java.io.IOException;
import java.util.List;

/** Reads and writes {@link ReviewDecision}: a snake_case string or one of its two single-key object forms. */
final class ReviewDecisionCodec {
    private static final String EXPECTED = "one of `approved`, `approved_for_session`, `denied`, `timed_out`, "
            + "`abort`, {\"approved_execpolicy_amendment\": {...}} or {\"network_policy_amendment\": {...}}";

    private ReviewDecisionCodec() {
    }

    static final class Serializer extends StdSerializer<ReviewDecision> {
        private static final long serialVersionUID = 1L;

        Serializer() {
            super(ReviewDecision.class);
        }

        @Override
        public void serialize(ReviewDecision value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            switch (value) {
                case ReviewDecision.Simple simple -> gen.writeString(simple.wire());
                case ReviewDecision.ApprovedExecpolicyAmendment amendment -> {
                    gen.writeStartObject();
                    gen.writeObjectFieldStart(ReviewDecision.ApprovedExecpolicyAmendment.TAG);
                    gen.writeFieldName("proposed_execpolicy_amendment");
                    provider.defaultSerializeValue(amendment.proposedExecpolicyAmendment(), gen);
                    gen.writeEndObject();
                    gen.writeEndObject();
                }
                case ReviewDecision.NetworkPolicy network -> {
                    gen.writeStartObject();
                    gen.writeObjectFieldStart(ReviewDecision.NetworkPolicy.TAG);
                    gen.writeFieldName("network_policy_amendment");
                    provider.defaultSerializeValue(network.networkPolicyAmendment(), gen);
                    gen.writeEndObject();
                    gen.writeEndObject();
                }
            }
        }
    }

    static final class Deserializer extends StdDeserializer<ReviewDecision> {
        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(ReviewDecision.class);
        }

        @Override
        public ReviewDecision deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = context.readTree(parser);
            if (node.isTextual()) {
                ReviewDecision.Simple simple = ReviewDecision.Simple.fromWire(node.asText());
                if (simple != null) {
                    return simple;
                }
            } else if (node.isObject() && node.size() == 1) {
                String tag = node.fieldNames().next();
                JsonNode body = node.get(tag);
                if (ReviewDecision.ApprovedExecpolicyAmendment.TAG.equals(tag)) {
                    JsonNode command = member(body, tag, "proposed_execpolicy_amendment");
                    JavaType listOfStrings = context.getTypeFactory().constructCollectionType(List.class, String.class);
                    List<String> prefix = context.readTreeAsValue(command, listOfStrings);
                    return new ReviewDecision.ApprovedExecpolicyAmendment(prefix);
                }
                if (ReviewDecision.NetworkPolicy.TAG.equals(tag)) {
                    JsonNode rule = member(body, tag, "network_policy_amendment");
                    return new ReviewDecision.NetworkPolicy(
                            context.readTreeAsValue(rule, NetworkPolicyAmendment.class));
                }
            }
            throw new InvalidFieldException(null, EXPECTED);
        }

        private static JsonNode member(JsonNode body, String tag, String name) {
            if (body == null || !body.isObject()) {
                throw new InvalidFieldException(tag, "an object");
            }
            JsonNode member = body.get(name);
            if (member == null || member.isNull()) {
                throw new MissingFieldException(tag + "." + name);
            }
            return member;
        }
    }
}
