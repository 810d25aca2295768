package dev.turnstile.core.turn.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic model that needs no network: it answers each sampling request with the next step of a
 * {@link ModelScript}. The answer is a pure function of the request (the step is chosen by the thread's sampling
 * index), so a thread replayed from its journal meets the same answers.
 */
public final class ScriptedModel implements ModelClient {
    private final ModelScript script;

    public ScriptedModel(ModelScript script) {
        this.script = script;
    }

    public ModelScript script() {
        return script;
    }

    @Override
    public String providerId() {
        return "scripted";
    }

    @Override
    public ModelResponse sample(ModelRequest request) throws ModelException, InterruptedException {
        ScriptStep step = script.stepFor(request.samplingIndex());
        if (step.delayMillis() > 0) {
            Thread.sleep(step.delayMillis());
        }
        if (step.error() != null) {
            throw new ModelException(ScriptTemplate.render(step.error(), request));
        }
        List<ModelOutput> outputs = new ArrayList<>(3);
        long outputChars = 0;
        if (step.reasoning() != null) {
            String reasoning = ScriptTemplate.render(step.reasoning(), request);
            outputs.add(new ModelOutput.Reasoning(reasoning));
            outputChars += reasoning.length();
        }
        if (step.message() != null) {
            String text = ScriptTemplate.render(step.message(), request);
            outputs.add(new ModelOutput.AssistantMessage(text, split(text, step.chunks()), step.phase()));
            outputChars += text.length();
        }
        if (step.functionName() != null) {
            String callId = step.callId() != null ? step.callId() : "call_" + request.samplingIndex();
            String arguments = ScriptTemplate.render(step.arguments(), request);
            outputs.add(new ModelOutput.FunctionCall(callId, step.functionName(), arguments));
            outputChars += arguments.length();
        }
        ModelUsage usage = step.usage() != null ? step.usage() : estimate(request, outputChars);
        return new ModelResponse(outputs, usage);
    }

    /** A stable estimate (4 characters a token), so the reported usage is repeatable. */
    private static ModelUsage estimate(ModelRequest request, long outputChars) {
        long input = 32L * request.historyItems() + (request.lastUserText().length() + 3) / 4;
        long output = Math.max(1, (outputChars + 3) / 4);
        return new ModelUsage(input, 0, output, 0);
    }

    /** Cuts {@code text} into {@code chunks} pieces of about equal length, never inside a surrogate pair. */
    static List<String> split(String text, int chunks) {
        int pieces = Math.max(1, Math.min(chunks, text.codePointCount(0, text.length())));
        if (pieces == 1) {
            return List.of(text);
        }
        int codePoints = text.codePointCount(0, text.length());
        List<String> out = new ArrayList<>(pieces);
        int start = 0;
        for (int i = 1; i <= pieces; i++) {
            int endCodePoint = (int) ((long) codePoints * i / pieces);
            int end = text.offsetByCodePoints(0, endCodePoint);
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }
}
