package dev.turnstile.server.proto;

import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.core.pipeline.Ingress;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.codec.DecodeResult;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.policy.CodexErrorInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The inbound half of the queue pair: reads Submission JSONL, one per line, and submits each to the session's
 * thread. A line that cannot be used is answered with an {@code error} event naming the line, and the session goes
 * on, as Codex answers a bad submission without ending the conversation.
 *
 * <p>Threading: runs on its own thread, because reading stdin blocks; the session must be able to end (on
 * {@code shutdown_complete}) while this thread still waits for input. Errors it answers itself go through
 * {@code answer}, the same outbound queue the thread's events use, so stdout has a single writer.
 */
final class SubmissionReader implements Runnable {
    static final String OVERLOADED_MESSAGE = "Server overloaded; retry later.";
    static final String CLOSED_MESSAGE = "the session is shutting down; the submission was not applied";

    private final ProtocolCodec codec = ProtocolCodec.shared();
    private final InputStream in;
    private final TurnstileHost host;
    private final ThreadHandle thread;
    private final Consumer<Event> answer;
    private final PrintStream diagnostics;
    private final Consumer<ProtoSession.Ending> ended;
    private volatile boolean stopped;

    SubmissionReader(InputStream in, TurnstileHost host, ThreadHandle thread, Consumer<Event> answer,
                     PrintStream diagnostics, Consumer<ProtoSession.Ending> ended) {
        this.in = in;
        this.host = host;
        this.thread = thread;
        this.answer = answer;
        this.diagnostics = diagnostics;
        this.ended = ended;
    }

    @Override
    public void run() {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        long lineNumber = 0;
        try {
            String line;
            while (!stopped && (line = reader.readLine()) != null) {
                lineNumber++;
                if (!line.isBlank()) {
                    handle(line, lineNumber);
                }
            }
        } catch (IOException e) {
            if (!stopped) {
                diagnostics.println("turnstile proto: reading stdin failed after line " + lineNumber + " ("
                        + e.getMessage() + "); treating it as the end of input");
                diagnostics.flush();
            }
        }
        ended.accept(ProtoSession.Ending.END_OF_INPUT);
    }

    /** Stops taking input after the current line (the session has ended). */
    void stop() {
        stopped = true;
    }

    private void handle(String line, long lineNumber) {
        switch (codec.decodeSubmission(line)) {
            case DecodeResult.Decoded<Submission> decoded -> submit(decoded.value(),
                    line.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case DecodeResult.Rejected<Submission> rejected -> answer.accept(error(
                    rejected.submissionId() == null ? "" : rejected.submissionId(),
                    "line " + lineNumber + ": " + rejected.message(), CodexErrorInfo.BAD_REQUEST));
        }
    }

    /** Submits with the line as sent: the journal keeps those bytes instead of encoding the submission again. */
    private void submit(Submission submission, byte[] wire) {
        long result = host.submit(thread, submission, wire);
        if (result == Ingress.OVERLOADED) {
            answer.accept(error(submission.id(), OVERLOADED_MESSAGE, CodexErrorInfo.SERVER_OVERLOADED));
        } else if (result == Ingress.CLOSED) {
            answer.accept(error(submission.id(), CLOSED_MESSAGE, CodexErrorInfo.OTHER));
        }
    }

    static Event error(String id, String message, CodexErrorInfo info) {
        return new Event(id, new EventMsg.Error(message, info));
    }
}
