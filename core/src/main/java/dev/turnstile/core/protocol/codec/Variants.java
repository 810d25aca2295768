package dev.turnstile.core.protocol.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;

/** Reads a nested value whose class a tag has chosen, from inside another deserializer. */
final class Variants {
    private Variants() {
    }

    /**
     * Reads a value of {@code type} from the parser (positioned on its first token, or on the first member name
     * when the enclosing object's tag has been consumed already).
     *
     * <p>Why not {@code context.readValue(parser, type)}: that is a root-value read, which introspects the class's
     * annotations on every call to look for a type deserializer; reading a rollout made that a third of its cost.
     * The contextual lookup used here is a cache hit once the type has been seen.
     */
    @SuppressWarnings("unchecked")
    static <T> T read(JsonParser parser, DeserializationContext context, Class<T> type) throws IOException {
        JsonDeserializer<Object> deserializer = context.findContextualValueDeserializer(context.constructType(type),
                null);
        if (parser.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_NULL) {
            return (T) deserializer.getNullValue(context);
        }
        return (T) deserializer.deserialize(parser, context);
    }
}
