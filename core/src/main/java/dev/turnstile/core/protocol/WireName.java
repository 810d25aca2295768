package dev.turnstile.core.protocol;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The wire tag of one variant of a tagged union (an op, an event, an item, a policy variant).
 *
 * <p>It is the single source of truth for the tag: the union's {@code type()} (or {@code kind()})
 * accessor reads it through {@link WireNames}, and the codec builds its tag-to-class table from it, so
 * a name is never written twice. {@link #aliases()} are accepted on read only (for example
 * {@code turn_started} for {@code task_started}); the variant is always written with {@link #value()}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WireName {
    /** The tag written on the wire. */
    String value();

    /** Other tags that read as this variant. */
    String[] aliases() default {};
}
