package dev.turnstile.core.protocol;

import java.time.Duration;

/** A duration as Rust's serde writes {@code std::time::Duration}: {@code {"secs": n, "nanos": n}}. */
public record WireDuration(long secs, long nanos) {
    public WireDuration {
        Fields.nonNegative(secs, "secs");
        Fields.nonNegative(nanos, "nanos");
    }

    public static WireDuration of(Duration duration) {
        return new WireDuration(duration.getSeconds(), duration.getNano());
    }

    public Duration toDuration() {
        return Duration.ofSeconds(secs, nanos);
    }
}
