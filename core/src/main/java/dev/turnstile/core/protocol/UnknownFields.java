package dev.turnstile.core.protocol;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the trailing {@code Map<String, JsonNode>} component of a record that keeps the JSON members it
 * does not model, so that whatever a newer Codex wrote (0.169 adds {@code ordinal}, {@code metadata},
 * {@code root_turn_id}, {@code internal_chat_message_metadata_passthrough}, ...) survives a read and a
 * write unchanged. On read every unmodelled member lands in the map; on write the map's members are
 * written after the modelled ones.
 *
 * <p>This is the one mechanism used for unknown-member preservation across the protocol package. Records
 * normalise the map with {@link Fields#unknown(java.util.Map)} and offer a constructor without it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.PARAMETER, ElementType.FIELD})
@JacksonAnnotationsInside
@JsonAnyGetter
@JsonAnySetter
public @interface UnknownFields {
}
