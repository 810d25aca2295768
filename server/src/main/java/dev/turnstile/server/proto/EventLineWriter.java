package dev.turnstile.server.proto;

import dev.turnstile.core.pipeline.QueuedSubscriber;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.event.EventMsg;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * The sink behind the session's {@link QueuedSubscriber}: encodes each event as one JSONL line and flushes when the
 * queue runs empty, so a burst of events costs one flush, yet nothing waits in the buffer while the writer idles.
 *
 * <p>Threading: {@link #write} and {@link #flush} run on the subscriber's writer thread only. It tells the session
 * (through {@code ended}) when {@code shutdown_complete} has reached the stream, or when the stream failed.
 */
final class EventLineWriter {
    private final ProtocolCodec codec = ProtocolCodec.shared();
    private final OutputStream out;
    private final PrintStream diagnostics;
    private final Consumer<ProtoSession.Ending> ended;
    private boolean shutdownWritten;
    private boolean broken;

    EventLineWriter(OutputStream out, PrintStream diagnostics, Consumer<ProtoSession.Ending> ended) {
        this.out = new BufferedOutputStream(out, 64 * 1024);
        this.diagnostics = diagnostics;
        this.ended = ended;
    }

    void write(QueuedSubscriber.Delivery delivery) {
        if (broken) {
            return;
        }
        Event event = delivery.event();
        try {
            codec.writeEventLine(event, out);
        } catch (IOException e) {
            fail(e);
            return;
        }
        if (event.msg() instanceof EventMsg.ShutdownComplete) {
            shutdownWritten = true;
        }
    }

    /** Called when the queue runs empty: flushes, and reports a written {@code shutdown_complete}. */
    void flush() {
        if (broken) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            fail(e);
            return;
        }
        if (shutdownWritten) {
            ended.accept(ProtoSession.Ending.SHUTDOWN);
        }
    }

    private void fail(IOException e) {
        broken = true;
        diagnostics.println("turnstile proto: cannot write events to stdout (" + e.getMessage() + "); ending the session");
        diagnostics.flush();
        ended.accept(ProtoSession.Ending.OUTPUT_FAILED);
    }
}
