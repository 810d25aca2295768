package dev.turnstile.core.protocol.policy;

import dev.turnstile.core.protocol.Fields;

/**
 * When the user is asked to approve a command: one of the kebab-case strings {@code "untrusted"},
 * {@code "on-failure"}, {@code "on-request"}, {@code "never"}, or {@code {"granular": {...}}}. The codec
 * reads and writes both forms (see {@code codec.AskForApprovalCodec}).
 */
public sealed interface AskForApproval permits AskForApproval.Mode, AskForApproval.Granular {
    AskForApproval UNTRUSTED = Mode.UNTRUSTED;
    AskForApproval ON_FAILURE = Mode.ON_FAILURE;
    AskForApproval ON_REQUEST = Mode.ON_REQUEST;
    AskForApproval NEVER = Mode.NEVER;

    /** The string forms. */
    enum Mode implements AskForApproval {
        UNTRUSTED("untrusted"),
        /** Deprecated upstream, still accepted. */
        ON_FAILURE("on-failure"),
        ON_REQUEST("on-request"),
        NEVER("never");

        private final String wire;

        Mode(String wire) {
            this.wire = wire;
        }

        /** The wire string. */
        public String wire() {
            return wire;
        }

        /** The mode with this wire string, or null. */
        public static Mode fromWire(String wire) {
            for (Mode mode : values()) {
                if (mode.wire.equals(wire)) {
                    return mode;
                }
            }
            return null;
        }
    }

    /** Fine-grained per-flow approval settings. */
    record Granular(GranularApprovalConfig config) implements AskForApproval {
        public Granular {
            Fields.required(config, "granular");
        }
    }
}
