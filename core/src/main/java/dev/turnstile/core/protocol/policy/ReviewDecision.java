package dev.turnstile.core.protocol.policy;

import dev.turnstile.core.protocol.Fields;
import java.util.List;

/**
 * The user's answer to an approval request (snake_case): the strings {@code "approved"},
 * {@code "approved_for_session"}, {@code "denied"}, {@code "timed_out"}, {@code "abort"}, or the object
 * forms {@code {"approved_execpolicy_amendment": {"proposed_execpolicy_amendment": [...]}}} and
 * {@code {"network_policy_amendment": {"network_policy_amendment": {"host", "action"}}}}.
 */
public sealed interface ReviewDecision
        permits ReviewDecision.Simple, ReviewDecision.ApprovedExecpolicyAmendment, ReviewDecision.NetworkPolicy {
    ReviewDecision APPROVED = Simple.APPROVED;
    ReviewDecision APPROVED_FOR_SESSION = Simple.APPROVED_FOR_SESSION;
    ReviewDecision DENIED = Simple.DENIED;
    ReviewDecision TIMED_OUT = Simple.TIMED_OUT;
    ReviewDecision ABORT = Simple.ABORT;

    /** The string forms. {@link #DENIED} is the default decision. */
    enum Simple implements ReviewDecision {
        APPROVED("approved"),
        APPROVED_FOR_SESSION("approved_for_session"),
        DENIED("denied"),
        TIMED_OUT("timed_out"),
        ABORT("abort");

        private final String wire;

        Simple(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Simple fromWire(String wire) {
            for (Simple simple : values()) {
                if (simple.wire.equals(wire)) {
                    return simple;
                }
            }
            return null;
        }
    }

    /** Approve and persist an execpolicy prefix rule for the given command prefix. */
    record ApprovedExecpolicyAmendment(List<String> proposedExecpolicyAmendment) implements ReviewDecision {
        public static final String TAG = "approved_execpolicy_amendment";

        public ApprovedExecpolicyAmendment {
            proposedExecpolicyAmendment = Fields.list(
                    Fields.required(proposedExecpolicyAmendment, "proposed_execpolicy_amendment"));
        }
    }

    /** Persist a network allow/deny rule for a host. */
    record NetworkPolicy(NetworkPolicyAmendment networkPolicyAmendment) implements ReviewDecision {
        public static final String TAG = "network_policy_amendment";

        public NetworkPolicy {
            Fields.required(networkPolicyAmendment, "network_policy_amendment");
        }
    }
}
