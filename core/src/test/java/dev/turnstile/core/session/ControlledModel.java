package dev.turnstile.core.session;

import dev.turnstile.core.turn.model.ModelClient;
import dev.turnstile.core.turn.model.ModelException;
import dev.turnstile.core.turn.model.ModelOutput;
import dev.turnstile.core.turn.model.ModelRequest;
import dev.turnstile.core.turn.model.ModelResponse;
import dev.turnstile.core.turn.model.ModelUsage;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A model a test answers by hand: each sampling request blocks until the test supplies the step's response, so a
 * turn stays in flight exactly as long as the test wants (no sleeps, no timing).
 */
final class ControlledModel implements ModelClient {
    private final BlockingQueue<ModelRequest> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();

    @Override
    public String providerId() {
        return "controlled";
    }

    @Override
    public ModelResponse sample(ModelRequest request) throws ModelException, InterruptedException {
        requests.add(request);
        Object answer = answers.take();
        if (answer instanceof ModelException error) {
            throw error;
        }
        return (ModelResponse) answer;
    }

    /** Waits for the next sampling request the host makes. */
    ModelRequest nextRequest() throws InterruptedException {
        ModelRequest request = requests.poll(30, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the host made no sampling request within 30 s");
        }
        return request;
    }

    void answer(ModelOutput... outputs) {
        answers.add(new ModelResponse(List.of(outputs), new ModelUsage(10, 0, 5, 0)));
    }

    void answerText(String text) {
        answer(new ModelOutput.AssistantMessage(text, List.of(text), "final_answer"));
    }

    void fail(String message) {
        answers.add(new ModelException(message));
    }

    int pendingRequests() {
        return requests.size();
    }
}
