package dev.turnstile.server.appserver.transport;

/**
 * Where a connection's messages go: a bounded buffer in front of a transport (a stdio writer, a WebSocket channel).
 *
 * <p>Threading: {@link #send} is called from any thread (thread actors, the connection's own actor) and never
 * blocks. When the buffer is full the transport closes the connection at once and answers false: a client that
 * does not read is cut off instead of slowing anyone else; it can reconnect and {@code thread/resume}.
 */
public interface Outbound {

    /** Queues one JSON message; false when the connection is closed or its buffer was full (it is then closed). */
    boolean send(String json);

    /** Closes the connection (idempotent); {@code reason} is for logs and, where the transport has one, the peer. */
    void close(String reason);

    /** For logs: which transport and peer. */
    String describe();
}
