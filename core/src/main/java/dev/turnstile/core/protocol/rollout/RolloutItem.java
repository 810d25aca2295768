package dev.turnstile.core.protocol.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.Fields;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.ResponseItem;

/**
 * What one rollout line holds, adjacently tagged on the line ({@code "type"} + {@code "payload"}). Line types
 * this version does not model (0.169's {@code world_state}, {@code token_usage_record}, ...) are kept as
 * {@link Unknown} with their payload verbatim.
 */
public sealed interface RolloutItem permits RolloutItem.SessionMetaLine, RolloutItem.ResponseItemLine,
        RolloutItem.CompactedLine, RolloutItem.TurnContextLine, RolloutItem.EventMsgLine, RolloutItem.Unknown {

    /** The line's {@code type}. */
    String type();

    /** The line's {@code payload} as a Java value ({@link JsonNode} for {@link Unknown}). */
    Object payload();

    record SessionMetaLine(SessionMeta payload) implements RolloutItem {
        public static final String TYPE = "session_meta";

        public SessionMetaLine {
            Fields.required(payload, "payload");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    record ResponseItemLine(ResponseItem payload) implements RolloutItem {
        public static final String TYPE = "response_item";

        public ResponseItemLine {
            Fields.required(payload, "payload");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    record CompactedLine(CompactedItem payload) implements RolloutItem {
        public static final String TYPE = "compacted";

        public CompactedLine {
            Fields.required(payload, "payload");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    record TurnContextLine(TurnContextItem payload) implements RolloutItem {
        public static final String TYPE = "turn_context";

        public TurnContextLine {
            Fields.required(payload, "payload");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    record EventMsgLine(EventMsg payload) implements RolloutItem {
        public static final String TYPE = "event_msg";

        public EventMsgLine {
            Fields.required(payload, "payload");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** A line type this version does not model; {@code payload} may be null when the line had none. */
    record Unknown(String type, JsonNode payload) implements RolloutItem {
        public Unknown {
            Fields.required(type, "type");
        }
    }
}
