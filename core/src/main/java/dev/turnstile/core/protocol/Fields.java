package dev.turnstile.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Normalisation and validation helpers for the compact constructors of protocol records. */
public final class Fields {
    private Fields() {
    }

    /** Returns {@code value}, or throws {@link MissingFieldException} when it is null or JSON null. */
    public static <T> T required(T value, String field) {
        if (value == null || (value instanceof JsonNode node && node.isNull())) {
            throw new MissingFieldException(field);
        }
        return value;
    }

    /**
     * For JSON members that are always written: JSON {@code null} and absence mean the same, so both are
     * held as Java {@code null} (records then compare equal however they were built).
     */
    public static JsonNode nullIfJsonNull(JsonNode value) {
        return value == null || value.isNull() ? null : value;
    }

    /** An unmodifiable copy; {@code null} becomes the empty list (fields that default to {@code []}). */
    public static <T> List<T> list(List<T> values) {
        return values == null || values.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** An unmodifiable copy, keeping {@code null} (fields omitted when absent). */
    public static <T> List<T> listOrNull(List<T> values) {
        return values == null ? null : list(values);
    }

    /** An unmodifiable, order-keeping copy; {@code null} becomes the empty map. */
    public static <V> Map<String, V> map(Map<String, V> values) {
        return values == null || values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Normalises an {@link UnknownFields} map: unmodifiable, order kept, never null. */
    public static Map<String, JsonNode> unknown(Map<String, JsonNode> values) {
        return map(values);
    }

    /** Checks a wire {@code u32}/{@code u64}-style field. */
    public static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new InvalidFieldException(field, "a non-negative integer");
        }
        return value;
    }
}
