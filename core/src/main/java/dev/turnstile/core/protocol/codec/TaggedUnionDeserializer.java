package dev.turnstile.core.protocol.codec;

import com.fasterxml.jackson.core.JsonParser;
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

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode node = context.readTree(parser);
        if (!node.isObject()) {
            throw new InvalidFieldException(null, "an object (" + label + ")");
        }
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
        if (unknown == null) {
            throw new UnknownVariantException(label, tag);
        }
        ObjectNode body = context.getNodeFactory().objectNode();
        node.properties().forEach(member -> {
            if (!"type".equals(member.getKey())) {
                body.set(member.getKey(), member.getValue());
            }
        });
        return unknown.apply(tag, body);
    }
}
