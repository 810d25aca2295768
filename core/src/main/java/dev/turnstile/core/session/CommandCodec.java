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

    private final ObjectMapper mapper;

    private CommandCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static CommandCodec shared() {
        return SHARED;
    }

    public void write(Command command, OutputStream out) throws IOException {
        mapper.writeValue(out, command);
    }

    public byte[] toBytes(Command command) throws IOException {
        return mapper.writeValueAsBytes(command);
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
