package dev.turnstile.server.appserver.transport;

import dev.turnstile.server.appserver.AppServer;
import dev.turnstile.server.appserver.Connection;
import dev.turnstile.server.appserver.rpc.RpcError;
import dev.turnstile.server.appserver.tenants.Tenant;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The app-server over a stream pair (stdin/stdout by default): one JSON-RPC message per line (spec §4.1), one
 * connection, the single local tenant. The streams are parameters so tests drive it in memory.
 *
 * <p>Threading: {@link #run} reads on the calling thread; a writer thread owns the output, fed through a bounded
 * queue, so nothing that sends ever blocks. If the reader of stdout does not keep up and the queue fills, the
 * connection is cut off like any slow client.
 */
public final class StdioTransport implements Outbound {
    public static final int DEFAULT_OUTBOUND_CAPACITY = 65_536;
    private static final String STOP = new String("stop");

    private final OutputStream out;
    private final PrintStream diagnostics;
    private final ArrayBlockingQueue<String> queue;
    private final Thread writer;
    private volatile boolean closed;

    public StdioTransport(OutputStream out, PrintStream diagnostics, int outboundCapacity) {
        this.out = new BufferedOutputStream(out, 64 * 1024);
        this.diagnostics = diagnostics;
        this.queue = new ArrayBlockingQueue<>(outboundCapacity);
        this.writer = Thread.ofPlatform().name("turnstile-appserver-stdout").daemon(true).start(this::writeLoop);
    }

    /**
     * Serves one connection until the input ends, then waits until what was queued is written.
     */
    public void run(AppServer server, InputStream in) throws InterruptedException {
        Connection connection = server.connect(Tenant.local(), this);
        LineReader reader = new LineReader(in, server.settings().maxMessageBytes());
        try {
            LineReader.Line line;
            while (!closed && (line = reader.next()) != null) {
                if (line.tooLong()) {
                    connection.refuse(RpcError.invalidRequest("Invalid request: the message is " + line.bytes()
                            + " bytes long; the limit is " + server.settings().maxMessageBytes() + " bytes"));
                } else if (!line.text().isBlank()) {
                    connection.receive(line.text());
                }
            }
        } catch (IOException e) {
            diagnostics.println("turnstile serve: reading stdin failed (" + e.getMessage() + "); ending");
        }
        connection.awaitQuiet(java.time.Duration.ofSeconds(60));
        connection.transportClosed();
        closeWriter();
    }

    @Override
    public boolean send(String json) {
        if (closed) {
            return false;
        }
        if (!queue.offer(json)) {
            diagnostics.println("turnstile serve: stdout could not keep up (" + queue.size()
                    + " messages waiting); closing the connection");
            close("stdout could not keep up");
            return false;
        }
        return true;
    }

    @Override
    public void close(String reason) {
        closed = true;
    }

    /** Lets the writer finish what is queued, then stops it. */
    private void closeWriter() throws InterruptedException {
        closed = true;
        while (!queue.offer(STOP, 100, TimeUnit.MILLISECONDS)) {
            if (!writer.isAlive()) {
                return;
            }
        }
        writer.join();
    }

    @Override
    public String describe() {
        return "stdio";
    }

    private void writeLoop() {
        try {
            while (true) {
                String next = queue.poll();
                if (next == null) {
                    out.flush();
                    next = queue.take();
                }
                if (next == STOP) {
                    out.flush();
                    return;
                }
                out.write(next.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        } catch (IOException e) {
            closed = true;
            diagnostics.println("turnstile serve: cannot write to stdout (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
