package dev.turnstile.server.appserver;

import dev.turnstile.server.appserver.transport.StdioTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** An {@link RpcClient} wired to a {@link StdioTransport} through in-memory pipes. */
final class StdioClient extends RpcClient {
    private final PipedOutputStream toServer = new PipedOutputStream();
    private final Thread serving;

    StdioClient(AppServer server) throws IOException {
        PipedInputStream stdin = new PipedInputStream(toServer, 1 << 20);
        OutputStream stdout = new OutputStream() {
            private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

            @Override
            public void write(int b) {
                if (b == '\n') {
                    received(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        };
        StdioTransport transport = new StdioTransport(stdout, new PrintStream(OutputStream.nullOutputStream()),
                StdioTransport.DEFAULT_OUTBOUND_CAPACITY);
        serving = Thread.ofPlatform().name("stdio-test-server").daemon(true).start(() -> {
            try {
                transport.run(server, stdin);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    synchronized void sendRaw(String text) {
        try {
            toServer.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            toServer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the input, as a client closing stdin, and waits for the server to finish answering. */
    @Override
    public void close() throws Exception {
        toServer.close();
        serving.join(30_000);
    }
}
