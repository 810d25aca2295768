package dev.turnstile.core.protocol.item;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.turnstile.core.protocol.Fields;

/**
 * A UI-defined span of a text input ({@code {"byte_range": {"start", "end"}, "placeholder": string|null}});
 * {@code placeholder} is always written.
 */
public record TextElement(ByteRange byteRange, @JsonInclude(JsonInclude.Include.ALWAYS) String placeholder) {
    public TextElement {
        Fields.required(byteRange, "byte_range");
    }
}
