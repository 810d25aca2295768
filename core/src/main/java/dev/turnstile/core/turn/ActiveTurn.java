package dev.turnstile.core.turn;

import dev.turnstile.core.protocol.policy.ReviewRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The running turn of a session (at most one). Holds what the turn waits for: the sampling step whose result it
 * expects, the tool calls whose output it expects, and the input steered into it meanwhile.
 *
 * <p>Threading: part of the session's state, touched by its dispatch thread only.
 */
public final class ActiveTurn {
    private final String turnId;
    private final TurnKind kind;
    private final long startedAtMillis;
    private final ReviewRequest review;
    private final ArrayList<TurnInput> pendingInput = new ArrayList<>();
    private final LinkedHashMap<String, PendingCall> calls = new LinkedHashMap<>();
    private final ArrayList<Cancellable> inFlight = new ArrayList<>(2);
    private long awaitedSamplingIndex = -1;
    private String lastAgentMessage;
    private long firstTokenAtMillis = -1;
    private String lastToolOutput;
    private String taskItemId;
    private int userTurnsAtStart;
    private boolean stepHadToolCalls;

    public ActiveTurn(String turnId, TurnKind kind, long startedAtMillis, ReviewRequest review) {
        this.turnId = turnId;
        this.kind = kind;
        this.startedAtMillis = startedAtMillis;
        this.review = review;
    }

    public String turnId() {
        return turnId;
    }

    public TurnKind kind() {
        return kind;
    }

    public long startedAtMillis() {
        return startedAtMillis;
    }

    public ReviewRequest review() {
        return review;
    }

    /** Input that arrived while the turn ran (steering, queued items); the next sampling step takes it. */
    public List<TurnInput> pendingInput() {
        return pendingInput;
    }

    public boolean hasPendingInput() {
        return !pendingInput.isEmpty();
    }

    /** Takes the pending input away (it is being recorded into the history). */
    public List<TurnInput> drainPendingInput() {
        List<TurnInput> drained = List.copyOf(pendingInput);
        pendingInput.clear();
        return drained;
    }

    public void awaitSamplingStep(long samplingIndex, Cancellable work) {
        this.awaitedSamplingIndex = samplingIndex;
        track(work);
    }

    /** True if a step result with this index is the one the turn waits for (not a stale one). */
    public boolean awaits(long samplingIndex) {
        return awaitedSamplingIndex == samplingIndex;
    }

    public void stepArrived() {
        awaitedSamplingIndex = -1;
    }

    public boolean isSampling() {
        return awaitedSamplingIndex >= 0;
    }

    public void addCall(PendingCall call) {
        calls.put(call.callId(), call);
    }

    public PendingCall call(String callId) {
        return calls.get(callId);
    }

    public PendingCall removeCall(String callId) {
        return calls.remove(callId);
    }

    public Collection<PendingCall> calls() {
        return calls.values();
    }

    /** True while a model tool call of this turn still waits for approval, an answer or its run. */
    public boolean hasOpenModelCalls() {
        for (PendingCall call : calls.values()) {
            if (!call.userShell()) {
                return true;
            }
        }
        return false;
    }

    public void track(Cancellable work) {
        if (work != Cancellable.NONE) {
            inFlight.add(work);
        }
    }

    /** Stops everything the turn still has running off the dispatch thread. */
    public void cancelInFlight() {
        for (Cancellable work : inFlight) {
            work.cancel();
        }
        inFlight.clear();
    }

    public String lastAgentMessage() {
        return lastAgentMessage;
    }

    public void setLastAgentMessage(String lastAgentMessage) {
        this.lastAgentMessage = lastAgentMessage;
    }

    public void markFirstToken(long nowMillis) {
        if (firstTokenAtMillis < 0) {
            firstTokenAtMillis = nowMillis;
        }
    }

    /** Milliseconds from the turn's start to the model's first output, or null if it produced none. */
    public Long timeToFirstTokenMillis() {
        return firstTokenAtMillis < 0 ? null : firstTokenAtMillis - startedAtMillis;
    }

    /** The history's user-turn count when the turn started; more at its end means it was a user turn. */
    public void setUserTurnsAtStart(int count) {
        userTurnsAtStart = count;
    }

    public boolean recordedUserTurn(int userTurnsNow) {
        return userTurnsNow > userTurnsAtStart;
    }

    /** The id of the turn's own item (the compaction item of a compact turn), or null. */
    public String taskItemId() {
        return taskItemId;
    }

    public void setTaskItemId(String taskItemId) {
        this.taskItemId = taskItemId;
    }

    /** Whether the last sampling step asked for tools: the model then gets another step to see their output. */
    public boolean stepHadToolCalls() {
        return stepHadToolCalls;
    }

    public void setStepHadToolCalls(boolean stepHadToolCalls) {
        this.stepHadToolCalls = stepHadToolCalls;
    }

    public String lastToolOutput() {
        return lastToolOutput;
    }

    public void setLastToolOutput(String lastToolOutput) {
        this.lastToolOutput = lastToolOutput;
    }
}
