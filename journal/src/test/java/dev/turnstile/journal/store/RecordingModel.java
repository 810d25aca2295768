package dev.turnstile.journal.store;

import dev.turnstile.core.turn.model.ModelClient;
import dev.turnstile.core.turn.model.ModelOutput;
import dev.turnstile.core.turn.model.ModelRequest;
import dev.turnstile.core.turn.model.ModelResponse;
import dev.turnstile.core.turn.model.ModelUsage;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/** Answers every step at once with "reply to: <input>", and keeps the requests; can be told to hang instead. */
final class RecordingModel implements ModelClient {
    final BlockingQueue<ModelRequest> requests = new LinkedBlockingQueue<>();
    private volatile boolean hang;
    private final CountDownLatch never = new CountDownLatch(1);

    void hangFromNowOn() {
        hang = true;
    }

    @Override
    public String providerId() {
        return "recording";
    }

    @Override
    public ModelResponse sample(ModelRequest request) throws InterruptedException {
        requests.add(request);
        if (hang) {
            never.await();
        }
        String text = "reply to: " + request.lastUserText();
        return new ModelResponse(List.of(new ModelOutput.AssistantMessage(text, List.of(text), "final_answer")),
                new ModelUsage(100, 0, 10, 0));
    }
}
