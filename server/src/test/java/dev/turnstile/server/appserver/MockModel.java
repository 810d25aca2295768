package dev.turnstile.server.appserver;

import dev.turnstile.core.turn.model.ModelClient;
import dev.turnstile.core.turn.model.ModelOutput;
import dev.turnstile.core.turn.model.ModelRequest;
import dev.turnstile.core.turn.model.ModelResponse;
import dev.turnstile.core.turn.model.ModelUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A model that answers like the mock Responses API the Codex transcripts were recorded with
 * ({@code shared/tools/codex-peer/mock_responses.py}): {@code mock reply #N: <input>}; the word
 * {@code RUN_SHELL_ESCALATED} asks to run {@code echo hi-from-mock} outside the sandbox (so the client is asked to
 * approve it); {@code SLOW} keeps the turn in flight until it is interrupted; {@code FLOOD <n>} streams n deltas of
 * 1 KiB each (the completed message is short).
 */
final class MockModel implements ModelClient {
    private final AtomicLong replies = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicReference<CountDownLatch> held =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.Semaphore holding = new java.util.concurrent.Semaphore(0);

    /**
     * The next sampling step, whatever its input (a compaction, a review), waits until the returned latch is
     * counted down; {@link #awaitHeld} says when a step is waiting.
     */
    CountDownLatch holdNext() {
        CountDownLatch gate = new CountDownLatch(1);
        held.set(gate);
        return gate;
    }

    /** Waits until a step is held by {@link #holdNext}. */
    boolean awaitHeld(long seconds) throws InterruptedException {
        return holding.tryAcquire(seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public String providerId() {
        return "mock";
    }

    @Override
    public ModelResponse sample(ModelRequest request) throws InterruptedException {
        CountDownLatch gate = held.getAndSet(null);
        if (gate != null) {
            holding.release();
            gate.await();
        }
        String input = request.lastUserText();
        ModelUsage usage = new ModelUsage(100, 0, 8, 0);
        if (request.lastToolOutput() != null) {
            return message("mock reply #" + replies.incrementAndGet() + ": tool finished", 1, usage);
        }
        if (input.contains("RUN_SHELL_ESCALATED")) {
            String arguments = "{\"cmd\": \"echo hi-from-mock\", \"sandbox_permissions\": \"require_escalated\", "
                    + "\"justification\": \"mock wants to run echo outside the sandbox\"}";
            return new ModelResponse(List.of(new ModelOutput.FunctionCall("call_mock_" + replies.incrementAndGet(),
                    "exec_command", arguments)), usage);
        }
        if (input.contains("SLOW")) {
            new CountDownLatch(1).await(); // until the turn is interrupted
        }
        int flood = input.indexOf("FLOOD ");
        if (flood >= 0) {
            // Many large deltas, a short final text: the stream is big, what the journal keeps is small.
            int chunks = Integer.parseInt(input.substring(flood + 6).split("\\s+")[0]);
            List<String> deltas = java.util.Collections.nCopies(chunks, "x".repeat(1024));
            return new ModelResponse(List.of(new ModelOutput.AssistantMessage("flood done (" + chunks + " KiB)",
                    deltas, null)), usage);
        }
        return message("mock reply #" + replies.incrementAndGet() + ": " + input, 2, usage);
    }

    private static ModelResponse message(String text, int chunks, ModelUsage usage) {
        List<String> deltas = new ArrayList<>();
        int size = Math.max(1, text.length() / chunks);
        for (int start = 0; start < text.length(); start += size) {
            deltas.add(text.substring(start, Math.min(text.length(), start + size)));
        }
        return new ModelResponse(List.of(new ModelOutput.AssistantMessage(text, deltas, null)), usage);
    }
}
