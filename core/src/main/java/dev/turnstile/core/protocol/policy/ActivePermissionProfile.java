package dev.turnstile.core.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.turnstile.core.protocol.Fields;

/**
 * The named or built-in permission profile that produced the effective permissions:
 * {@code {"id", "extends"?}} ({@code extends} is a Java keyword, hence the component name).
 */
public record ActivePermissionProfile(String id, @JsonProperty("extends") String extendsProfile) {
    public ActivePermissionProfile {
        Fields.required(id, "id");
    }

    public ActivePermissionProfile(String id) {
        this(id, null);
    }
}
