package dev.turnstile.core.protocol.codec;

import java.util.Objects;

/**
 * The outcome of decoding a line a client sent: the value, or why it was refused. Decoding never throws;
 * a transport answers a {@link Rejected} with an error that carries {@link Rejected#submissionId()} when the
 * line had a readable one.
 */
public sealed interface DecodeResult<T> permits DecodeResult.Decoded, DecodeResult.Rejected {

    record Decoded<T>(T value) implements DecodeResult<T> {
        public Decoded {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * @param submissionId the line's string {@code id} when it had one, else null
     * @param message what is wrong, for a person
     */
    record Rejected<T>(String submissionId, String message) implements DecodeResult<T> {
        public Rejected {
            Objects.requireNonNull(message, "message");
        }
    }
}
