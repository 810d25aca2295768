package dev.turnstile.core.protocol.codec;

/**
 * A line or tree could not be decoded. The message is meant for a person: it names the problem and, where
 * there is one, the field ({@code missing field `msg.turn_id` in event}).
 */
public final class ProtocolDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
