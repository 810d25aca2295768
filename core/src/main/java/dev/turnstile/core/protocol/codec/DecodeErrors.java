package dev.turnstile.core.protocol.codec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.turnstile.core.protocol.MissingFieldException;
import dev.turnstile.core.protocol.ProtocolViolation;
import dev.turnstile.core.protocol.UnknownVariantException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what went wrong while decoding (a {@link ProtocolViolation} or one of Jackson's exceptions) into a
 * message a person can act on, naming the field by its full wire path ({@code items[0].text}).
 */
final class DecodeErrors {
    /** Fields that are unsigned integers upstream; named as such in messages. */
    private static final Set<String> UNSIGNED = Set.of("num_turns", "sample_rate", "num_channels",
            "samples_per_channel", "ordinal", "secs", "nanos");

    private DecodeErrors() {
    }

    /** Why a line is not JSON, without Jackson's source excerpt. */
    static String notJson(JsonProcessingException e) {
        return "line is not valid JSON: " + firstLine(e.getOriginalMessage())
                + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")");
    }

    /**
     * @param failure what was thrown while decoding
     * @param context what was being decoded, e.g. {@code op `user_input`}
     */
    static String describe(Throwable failure, String context) {
        JsonMappingException mapping = find(failure, JsonMappingException.class);
        String path = mapping == null ? "" : path(mapping.getPath());
        ProtocolViolation violation = find(failure, ProtocolViolation.class);
        if (violation != null) {
            String message = violation.describe(path);
            if (violation instanceof MissingFieldException) {
                return message + " in " + context;
            }
            if (violation instanceof UnknownVariantException unknown && path.isEmpty() && unknown.field() == null
                    && context.startsWith(unknown.union() + " ")) {
                return message; // the root itself has an unknown tag: "unknown op type `foo`"
            }
            return "invalid " + context + ": " + message;
        }
        Class<?> target = null;
        MismatchedInputException mismatch = find(failure, MismatchedInputException.class);
        if (mismatch != null) {
            target = mismatch.getTargetType();
        }
        InputCoercionException coercion = find(failure, InputCoercionException.class);
        if (target == null && coercion != null) {
            target = coercion.getTargetType();
        }
        if (target != null && !path.isEmpty()) {
            return "invalid " + context + ": field `" + path + "` must be " + expected(target, lastName(mapping));
        }
        StreamReadException syntax = find(failure, StreamReadException.class);
        if (syntax != null && coercion == null) {
            return "not valid JSON: " + firstLine(syntax.getOriginalMessage());
        }
        String detail = mapping != null ? mapping.getOriginalMessage() : failure.getMessage();
        return "invalid " + context + (path.isEmpty() ? "" : " at `" + path + "`") + ": " + firstLine(detail);
    }

    /** {@code [items, 0, text]} as {@code items[0].text}. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String lastName(JsonMappingException mapping) {
        List<JsonMappingException.Reference> path = mapping == null ? List.of() : mapping.getPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).getFieldName() != null) {
                return path.get(i).getFieldName();
            }
        }
        return "";
    }

    /** What a value of {@code type} looks like on the wire. */
    static String expected(Class<?> type, String field) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return UNSIGNED.contains(field) ? "a non-negative integer" : "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == byte[].class) {
            return "a base64 string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + enumValues(type);
        }
        if (JsonNode.class.isAssignableFrom(type)) {
            return "a JSON value";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || type.isInterface()) {
            return "an object";
        }
        return "a valid " + type.getSimpleName();
    }

    private static String enumValues(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            try {
                JsonProperty property = type.getField(name).getAnnotation(JsonProperty.class);
                names.add("`" + (property != null ? property.value() : name) + "`");
            } catch (NoSuchFieldException e) {
                names.add("`" + name + "`");
            }
        }
        return String.join(", ", names);
    }

    private static <E extends Throwable> E find(Throwable failure, Class<E> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
