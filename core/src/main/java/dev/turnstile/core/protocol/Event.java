package dev.turnstile.core.protocol;

import dev.turnstile.core.protocol.event.EventMsg;

/**
 * One agent-to-client message: {@code {"id": <submission id>, "msg": {"type", ...}}}. The initial
 * {@code session_configured} event uses the empty id.
 */
public record Event(String id, EventMsg msg) {
    public Event {
        Fields.required(id, "id");
        Fields.required(msg, "msg");
    }
}
