package dev.turnstile.core.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the wire object of a catch-all variant: {@code type} first, then the kept members. */
public final class Tagged {
    private Tagged() {
    }

    public static ObjectNode withType(String type, ObjectNode body) {
        ObjectNode out = body.objectNode();
        out.put("type", type);
        body.properties().forEach(entry -> {
            if (!"type".equals(entry.getKey())) {
                out.set(entry.getKey(), entry.getValue());
            }
        });
        return out;
    }
}
