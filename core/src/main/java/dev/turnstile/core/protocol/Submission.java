package dev.turnstile.core.protocol;

import dev.turnstile.core.protocol.op.Op;

/**
 * One client request: {@code {"id", "op": {"type", ...}, "trace"?}}. The id correlates the submission
 * with the events it causes; {@code trace} is omitted when null.
 */
public record Submission(String id, Op op, Trace trace) {
    public Submission {
        Fields.required(id, "id");
        Fields.required(op, "op");
    }

    public Submission(String id, Op op) {
        this(id, op, null);
    }
}
