package dev.turnstile.core.protocol.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.Fields;

/**
 * Machine-readable error category attached to {@code error} and {@code stream_error} events (snake_case):
 * unit variants are strings ({@code "bad_request"}), struct variants single-key objects
 * ({@code {"active_turn_not_steerable": {"turn_kind": "review"}}}). Any other value read from a file
 * decodes to {@link Unknown} and is written back unchanged.
 */
public sealed interface CodexErrorInfo permits CodexErrorInfo.Kind, CodexErrorInfo.HttpFailure,
        CodexErrorInfo.ActiveTurnNotSteerable, CodexErrorInfo.Unknown {
    CodexErrorInfo CONTEXT_WINDOW_EXCEEDED = Kind.CONTEXT_WINDOW_EXCEEDED;
    CodexErrorInfo USAGE_LIMIT_EXCEEDED = Kind.USAGE_LIMIT_EXCEEDED;
    CodexErrorInfo SERVER_OVERLOADED = Kind.SERVER_OVERLOADED;
    CodexErrorInfo CYBER_POLICY = Kind.CYBER_POLICY;
    CodexErrorInfo INTERNAL_SERVER_ERROR = Kind.INTERNAL_SERVER_ERROR;
    CodexErrorInfo UNAUTHORIZED = Kind.UNAUTHORIZED;
    CodexErrorInfo BAD_REQUEST = Kind.BAD_REQUEST;
    CodexErrorInfo SANDBOX_ERROR = Kind.SANDBOX_ERROR;
    CodexErrorInfo THREAD_ROLLBACK_FAILED = Kind.THREAD_ROLLBACK_FAILED;
    CodexErrorInfo OTHER = Kind.OTHER;

    /**
     * Whether an error with this info marks the current turn as failed when history is replayed (false only
     * for {@code thread_rollback_failed} and {@code active_turn_not_steerable}).
     *
     * <p>Deliberately not a default method: an interface with default methods is initialised together with
     * the enum implementing it, which would leave the constants above null.
     */
    boolean affectsTurnStatus();

    /** The unit variants, written as plain strings. */
    enum Kind implements CodexErrorInfo {
        CONTEXT_WINDOW_EXCEEDED("context_window_exceeded"),
        USAGE_LIMIT_EXCEEDED("usage_limit_exceeded"),
        SERVER_OVERLOADED("server_overloaded"),
        CYBER_POLICY("cyber_policy"),
        INTERNAL_SERVER_ERROR("internal_server_error"),
        UNAUTHORIZED("unauthorized"),
        BAD_REQUEST("bad_request"),
        SANDBOX_ERROR("sandbox_error"),
        THREAD_ROLLBACK_FAILED("thread_rollback_failed"),
        OTHER("other");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        @Override
        public boolean affectsTurnStatus() {
            return this != THREAD_ROLLBACK_FAILED;
        }

        public static Kind fromWire(String wire) {
            for (Kind kind : values()) {
                if (kind.wire.equals(wire)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /** The four HTTP-related struct variants, each {@code {"<tag>": {"http_status_code": n|null}}}. */
    record HttpFailure(Tag tag, Integer httpStatusCode) implements CodexErrorInfo {
        public HttpFailure {
            Fields.required(tag, "tag");
        }

        @Override
        public boolean affectsTurnStatus() {
            return true;
        }

        public enum Tag {
            HTTP_CONNECTION_FAILED("http_connection_failed"),
            RESPONSE_STREAM_CONNECTION_FAILED("response_stream_connection_failed"),
            RESPONSE_STREAM_DISCONNECTED("response_stream_disconnected"),
            RESPONSE_TOO_MANY_FAILED_ATTEMPTS("response_too_many_failed_attempts");

            private final String wire;

            Tag(String wire) {
                this.wire = wire;
            }

            public String wire() {
                return wire;
            }

            public static Tag fromWire(String wire) {
                for (Tag tag : values()) {
                    if (tag.wire.equals(wire)) {
                        return tag;
                    }
                }
                return null;
            }
        }
    }

    /** {@code {"active_turn_not_steerable": {"turn_kind": "review"|"compact"}}}. */
    record ActiveTurnNotSteerable(NonSteerableTurnKind turnKind) implements CodexErrorInfo {
        public static final String TAG = "active_turn_not_steerable";

        public ActiveTurnNotSteerable {
            Fields.required(turnKind, "turn_kind");
        }

        @Override
        public boolean affectsTurnStatus() {
            return false;
        }
    }

    /** A value this version does not know, kept verbatim. */
    record Unknown(JsonNode raw) implements CodexErrorInfo {
        public Unknown {
            Fields.required(raw, "codex_error_info");
        }

        @Override
        public boolean affectsTurnStatus() {
            return true;
        }
    }
}
