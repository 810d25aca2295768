package dev.turnstile.server.demo;

import dev.turnstile.core.host.HostOverloadedException;
import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.core.pipeline.EventSubscriber;
import dev.turnstile.core.pipeline.Ingress;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ReviewDecision;
import dev.turnstile.core.session.ThreadSpec;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * One demo thread and the client driving it, closed loop: submit a turn, wait for its {@code task_complete}, submit
 * the next. The client runs on its own virtual thread; this object is also the thread's subscriber, called on the
 * thread's dispatch thread, where it only records and signals (it must never block there).
 *
 * <p>A turn's latency runs from just before its first submit attempt (overload retries included: that is what the
 * client waited) to the moment the subscriber sees the turn's {@code task_complete}. If the model script asks the
 * client something, the client answers so the turn can go on: approvals are approved; questions the demo has no
 * answer for (user input, permissions, dynamic tools, elicitations) interrupt the turn, which then ends as aborted.
 */
final class DemoClient implements Runnable, EventSubscriber {
    private static final long MIN_BACKOFF_NANOS = 50_000;
    private static final long MAX_BACKOFF_NANOS = 5_000_000;

    private final TurnstileHost host;
    private final int index;
    private final int turns;
    private final String cwd;
    private final DemoMetrics metrics;
    /** One permit per thing the client must act on: an answer queued, or the current turn's end. */
    private final Semaphore signals = new Semaphore(0);
    private final Queue<Op> answers = new ConcurrentLinkedQueue<>();
    private volatile String currentTurnId;
    private volatile long submittedAtNanos;
    private volatile boolean turnEnded;
    private int answerCount;

    DemoClient(TurnstileHost host, int index, int turns, String cwd, DemoMetrics metrics) {
        this.host = host;
        this.index = index;
        this.turns = turns;
        this.cwd = cwd;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        ThreadHandle thread = startThread();
        if (index == 0) {
            metrics.sampleThread(thread.threadId());
        }
        try {
            for (int turn = 1; turn <= turns; turn++) {
                String turnId = "turn-" + turn;
                turnEnded = false;
                currentTurnId = turnId;
                submittedAtNanos = System.nanoTime();
                submit(thread, new Submission(turnId,
                        Op.UserInput.text("thread " + index + ", turn " + turn + ": summarize the plan")));
                awaitTurnEnd(thread);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("demo client " + index + " was interrupted");
        }
    }

    private ThreadHandle startThread() {
        long backoff = MIN_BACKOFF_NANOS;
        while (true) {
            try {
                return host.startThread(new ThreadSpec(host.newThreadId(), host.defaultConfiguration(cwd)), this);
            } catch (HostOverloadedException e) {
                requireOpen();
                metrics.overloadRetry();
                backoff = backOff(backoff);
            }
        }
    }

    private void submit(ThreadHandle thread, Submission submission) {
        long backoff = MIN_BACKOFF_NANOS;
        while (true) {
            long result = host.submit(thread, submission);
            if (Ingress.accepted(result)) {
                return;
            }
            if (result == Ingress.CLOSED) {
                throw new IllegalStateException("the host closed while demo client " + index + " was running");
            }
            metrics.overloadRetry();
            backoff = backOff(backoff);
        }
    }

    private void awaitTurnEnd(ThreadHandle thread) throws InterruptedException {
        while (true) {
            signals.acquire();
            Op answer = answers.poll();
            if (answer != null) {
                submit(thread, new Submission(currentTurnId + "-answer-" + (++answerCount), answer));
                continue;
            }
            if (turnEnded) {
                return;
            }
        }
    }

    private void requireOpen() {
        if (!host.pipeline().ingress().isAcceptingClients()) {
            throw new IllegalStateException("the host closed before demo client " + index + " could start its thread");
        }
    }

    private static long backOff(long backoff) {
        LockSupport.parkNanos(backoff);
        return Math.min(backoff * 2, MAX_BACKOFF_NANOS);
    }

    // ---- subscriber side: dispatch thread, never blocks -------------------------------------------------

    @Override
    public boolean offer(String threadId, long eventNumber, Event event) {
        switch (event.msg()) {
            case EventMsg.TurnComplete complete when event.id().equals(currentTurnId) -> {
                metrics.turnCompleted(System.nanoTime() - submittedAtNanos);
                endTurn();
            }
            case EventMsg.TurnAborted aborted when event.id().equals(currentTurnId) -> {
                metrics.turnAborted();
                endTurn();
            }
            case EventMsg.ExecApprovalRequest request ->
                    answer(new Op.ExecApproval(request.effectiveApprovalId(), request.turnId(), ReviewDecision.APPROVED));
            case EventMsg.ApplyPatchApprovalRequest request ->
                    answer(new Op.PatchApproval(request.callId(), ReviewDecision.APPROVED));
            case EventMsg.RequestUserInput request -> answer(new Op.Interrupt());
            case EventMsg.RequestPermissions request -> answer(new Op.Interrupt());
            case EventMsg.DynamicToolCallRequest request -> answer(new Op.Interrupt());
            case EventMsg.ElicitationRequest request -> answer(new Op.Interrupt());
            default -> {
            }
        }
        return true;
    }

    private void endTurn() {
        turnEnded = true;
        signals.release();
    }

    private void answer(Op op) {
        metrics.requestAnswered();
        answers.add(op);
        signals.release();
    }
}
