package dev.turnstile.core.protocol.policy;

import dev.turnstile.core.protocol.Fields;

/** {@code {"target": <ReviewTarget>, "user_facing_hint"?}}. */
public record ReviewRequest(ReviewTarget target, String userFacingHint) {
    public ReviewRequest {
        Fields.required(target, "target");
    }

    public ReviewRequest(ReviewTarget target) {
        this(target, null);
    }
}
