package dev.turnstile.core.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes the commands the journal keeps (as JSON, with the protocol's wire shapes for submissions), and decodes
 * them for replay. Thread-safe.
 */
public final class CommandCodec {
    private static final CommandCodec SHARED = new CommandCodec(ProtocolCodec.shared().mapper());

    private static final byte[] CLIENT_PREFIX = "{\"command\":\"client\",\"submission\":"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] CLIENT_SUFFIX = {'}'};

    private final ObjectMapper mapper;
    /** Resolved once: writing through a writer for the root type skips the per-call serializer lookup. */
    private final com.fasterxml.jackson.databind.ObjectWriter commandWriter;

    private CommandCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        this.commandWriter = mapper.writerFor(Command.class);
    }

    public static CommandCodec shared() {
        return SHARED;
    }

    /**
     * Writes a command as the journal keeps it. A client submission that came with its wire bytes is written
     * around them, byte for byte (the journal then holds exactly what the client sent).
     */
    public void write(Command command, OutputStream out) throws IOException {
        if (command instanceof Command.Client client && client.wire() != null) {
            out.write(CLIENT_PREFIX);
            out.write(client.wire());
            out.write(CLIENT_SUFFIX);
            return;
        }
        commandWriter.writeValue(out, command);
    }

    /**
     * The submission bytes a command is journaled around, or null when it must be encoded: a writer with its own
     * byte sink writes {@link #clientHead()}, these bytes and {@link #clientTail()}, exactly what {@link #write}
     * writes, without a stream in between.
     */
    public static byte[] preEncodedWire(Command command) {
        return command instanceof Command.Client client ? client.wire() : null;
    }

    /** What precedes a pre-encoded submission in its journal entry. Shared: read it, never modify it. */
    public static byte[] clientHead() {
        return CLIENT_PREFIX;
    }

    /** What follows a pre-encoded submission in its journal entry. Shared: read it, never modify it. */
    public static byte[] clientTail() {
        return CLIENT_SUFFIX;
    }

    public byte[] toBytes(Command command) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        write(command, out);
        return out.toByteArray();
    }

    public Command read(byte[] json) throws IOException {
        return mapper.readValue(json, Command.class);
    }

    /** Encodes any value of the session's own (record) types with the same mapper. */
    public void writeValue(Object value, OutputStream out) throws IOException {
        mapper.writeValue(out, value);
    }

    public <T> T readValue(byte[] json, Class<T> type) throws IOException {
        return mapper.readValue(json, type);
    }
}
