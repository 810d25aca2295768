package dev.turnstile.core.protocol;

/**
 * W3C trace carrier that may accompany a submission ({@code {"traceparent"?, "tracestate"?}}); both
 * members are omitted when null.
 */
public record Trace(String traceparent, String tracestate) {
}
