package dev.turnstile.core.protocol.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.protocol.InvalidFieldException;
import dev.turnstile.core.protocol.MissingFieldException;
import dev.turnstile.core.protocol.UnknownVariantException;
import dev.turnstile.core.protocol.WireName;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads an internally tagged union ({@code {"type": "<tag>", ...members}}) into the record that carries that
 * {@link WireName} (or one of its aliases) among the permitted subclasses of the sealed base type.
 *
 * <p>The record itself is then read by Jackson's ordinary record support; the bases are annotated to ignore
 * {@code type} on read, so it never lands in a record's unknown-member map. Unknown tags go to the union's
 * catch-all factory, or fail with {@link UnknownVariantException} when the union has none (ops).
 */
final class TaggedUnionDeserializer<T> extends StdDeserializer<T> {
    private static final long serialVersionUID = 1L;

    private final String label;
    private final Map<String, Class<? extends T>> variants;
    private final transient BiFunction<String, ObjectNode, ? extends T> unknown;

    private TaggedUnionDeserializer(Class<T> base, String label, Map<String, Class<? extends T>> variants,
            BiFunction<String, ObjectNode, ? extends T> unknown) {
        super(base);
        this.label = label;
        this.variants = variants;
        this.unknown = unknown;
    }

    /**
     * @param base the sealed interface; its permitted subclasses carrying {@link WireName} are the variants
     * @param label how a person names a value of this union in messages ({@code "op"}, {@code "event"})
     * @param unknown builds the catch-all from the tag and the other members, or null for a strict union
     */
    static <T> TaggedUnionDeserializer<T> of(Class<T> base, String label,
            BiFunction<String, ObjectNode, ? extends T> unknown) {
        Map<String, Class<? extends T>> variants = new HashMap<>();
        for (Class<?> permitted : base.getPermittedSubclasses()) {
            WireName name = permitted.getAnnotation(WireName.class);
            if (name == null) {
                continue;
            }
            Class<? extends T> variant = permitted.asSubclass(base);
            register(variants, name.value(), variant);
            for (String alias : name.aliases()) {
                register(variants, alias, variant);
            }
        }
        return new TaggedUnionDeserializer<>(base, label, Map.copyOf(variants), unknown);
    }

    private static <T> void register(Map<String, Class<? extends T>> variants, String tag, Class<? extends T> type) {
        Class<? extends T> previous = variants.putIfAbsent(tag, type);
        if (previous != null) {
            throw new IllegalStateException("tag `" + tag + "` used by " + previous.getName() + " and " + type.getName());
        }
    }

    /** The tags (names and aliases) this union knows. */
    Map<String, Class<? extends T>> variants() {
        return variants;
    }

    /**
     * Streams the variant straight from the parser when {@code type} is the first member, as every writer of ours
     * puts it (journal, rollouts, clients): no tree is built, which halves the cost of reading a rollout. A value
     * whose tag comes later is buffered into a tree first.
     */
    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            token = parser.nextToken();
        }
        if (token == JsonToken.FIELD_NAME && "type".equals(parser.currentName())) {
            JsonToken tagToken = parser.nextToken();
            if (tagToken == JsonToken.VALUE_NULL) {
                throw new MissingFieldException("type");
            }
            if (tagToken != JsonToken.VALUE_STRING) {
                throw new InvalidFieldException("type", "a string");
            }
            String tag = parser.getText();
            parser.nextToken(); // the next member's name, or the end of the object
            Class<? extends T> variant = variants.get(tag);
            if (variant != null) {
                return Variants.read(parser, context, variant);
            }
            return unknownVariant(tag, readMembers(parser, context, context.getNodeFactory().objectNode()));
        }
        if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT) {
            throw new InvalidFieldException(null, "an object (" + label + ")");
        }
        return fromTree(readMembers(parser, context, context.getNodeFactory().objectNode()), context);
    }

    /** Reads the remaining members of the object the parser is in (positioned on a name or the end) into it. */
    private static ObjectNode readMembers(JsonParser parser, DeserializationContext context, ObjectNode into)
            throws IOException {
        for (JsonToken token = parser.currentToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            parser.nextToken();
            into.set(name, context.readTree(parser));
        }
        return into;
    }

    private T fromTree(ObjectNode node, DeserializationContext context) throws IOException {
        JsonNode tagNode = node.get("type");
        if (tagNode == null || tagNode.isNull()) {
            throw new MissingFieldException("type");
        }
        if (!tagNode.isTextual()) {
            throw new InvalidFieldException("type", "a string");
        }
        String tag = tagNode.asText();
        Class<? extends T> variant = variants.get(tag);
        if (variant != null) {
            return context.readTreeAsValue(node, variant);
        }
        node.remove("type");
        return unknownVariant(tag, node);
    }

    private T unknownVariant(String tag, ObjectNode body) {
        if (unknown == null) {
            throw new UnknownVariantException(label, tag);
        }
        return unknown.apply(tag, body);
    }
}
