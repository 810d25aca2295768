package dev.turnstile.server.proto;

import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.core.pipeline.EventSubscriber;
import dev.turnstile.core.pipeline.QueuedSubscriber;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.session.ThreadSpec;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One session over a stream pair, Codex's queue pair: Submission JSONL in, Event JSONL out, one thread on an
 * embedded host. The streams are parameters (not stdin/stdout) so the whole loop can be driven in memory.
 *
 * <p>The session ends in one of three ways: the thread answers {@code shutdown} with {@code shutdown_complete}
 * (written and flushed before {@link #run} returns); the input ends without a shutdown, and the thread's channel is
 * closed as a dropped client's would be (a running turn ends as {@code turn_aborted}/{@code interrupted}, written
 * before {@link #run} returns); or the output fails or cannot keep up, and the thread is released the same way.
 *
 * <p>The output stream has one writer, the {@link QueuedSubscriber}'s thread: the thread's events and the errors this
 * transport answers itself go through the same bounded queue, so lines never interleave and dispatch threads never
 * block on I/O. Diagnostics go to {@code diagnostics} (stderr), never to the protocol stream.
 */
public final class ProtoSession {
    /** How many events may wait for the output writer before the session is cut off. */
    public static final int OUTBOUND_CAPACITY = 65_536;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    /** Why the session ended. */
    public enum Ending {
        /** {@code shutdown_complete} was written. */
        SHUTDOWN,
        /** The input ended (or failed) without a shutdown. */
        END_OF_INPUT,
        /** Writing the output failed. */
        OUTPUT_FAILED,
        /** The output could not keep up and the thread cut the subscriber off. */
        CUT_OFF
    }

    private final TurnstileHost host;
    private final InputStream in;
    private final OutputStream out;
    private final PrintStream diagnostics;
    private final String cwd;
    private final CompletableFuture<Ending> ending = new CompletableFuture<>();

    /**
     * @param host        the host the session's thread runs on; the caller closes it after {@link #run}
     * @param in          Submission JSONL
     * @param out         Event JSONL
     * @param diagnostics where problems that are not protocol events are reported
     * @param cwd         the thread's working directory
     */
    public ProtoSession(TurnstileHost host, InputStream in, OutputStream out, PrintStream diagnostics, String cwd) {
        this.host = host;
        this.in = in;
        this.out = out;
        this.diagnostics = diagnostics;
        this.cwd = cwd;
    }

    /**
     * Runs the session until it ends, then returns with every event it produced written and flushed.
     *
     * @return the process exit code: 0 when it ended by shutdown or end of input, 1 when the output failed
     */
    public int run() throws InterruptedException {
        EventLineWriter writer = new EventLineWriter(out, diagnostics, ending::complete);
        QueuedSubscriber queue = new QueuedSubscriber("turnstile-proto-out", OUTBOUND_CAPACITY, writer::write,
                writer::flush);
        ThreadHandle thread;
        try {
            thread = host.startThread(new ThreadSpec(host.newThreadId(), host.defaultConfiguration(cwd)),
                    new CutOffWatch(queue));
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
        SubmissionReader reader = new SubmissionReader(in, host, thread, event -> answer(queue, thread, event),
                diagnostics, ending::complete);
        Thread.ofPlatform().name("turnstile-proto-in").daemon(true).start(reader);

        Ending how = awaitEnding();
        reader.stop();
        if (how != Ending.SHUTDOWN) {
            // A client that goes away without a shutdown: abort the running turn and release the thread, and let
            // what that emits reach the output before the host closes.
            host.closeChannel(thread);
            if (!host.awaitDrained(DRAIN_TIMEOUT)) {
                diagnostics.println("turnstile proto: the thread did not finish within " + DRAIN_TIMEOUT.toSeconds()
                        + " s after the input ended");
            }
        }
        queue.close();
        return how == Ending.SHUTDOWN || how == Ending.END_OF_INPUT ? 0 : 1;
    }

    private Ending awaitEnding() throws InterruptedException {
        try {
            return ending.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: the ending is never completed exceptionally", e);
        }
    }

    private void answer(QueuedSubscriber queue, ThreadHandle thread, Event event) {
        if (!queue.enqueue(new QueuedSubscriber.Delivery(thread.threadId(), 0, event))) {
            diagnostics.println("turnstile proto: output queue full; dropped " + event.msg().type() + " for "
                    + (event.id().isEmpty() ? "a line without id" : "submission " + event.id()));
        }
    }

    /** The queue as the thread's subscriber; notices when the thread cuts it off, so the session can end. */
    private final class CutOffWatch implements EventSubscriber {
        private final QueuedSubscriber queue;

        CutOffWatch(QueuedSubscriber queue) {
            this.queue = queue;
        }

        @Override
        public boolean offer(String threadId, long eventNumber, Event event) {
            return queue.offer(threadId, eventNumber, event);
        }

        @Override
        public void cutOff(String threadId, long lastDelivered) {
            queue.cutOff(threadId, lastDelivered);
            diagnostics.println("turnstile proto: stdout could not keep up (" + OUTBOUND_CAPACITY
                    + " events waiting); cut off after event " + lastDelivered);
            ending.complete(Ending.CUT_OFF);
        }
    }
}
