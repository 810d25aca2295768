package dev.turnstile.bench.support;

import dev.turnstile.core.pipeline.EventSubscriber;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import java.time.Duration;
import java.util.List;

/**
 * What the whole-host benchmarks (throughput, rollback, resume, fork, memory) drive: Turnstile, or one of the
 * baselines. Every implementation applies the same ops with the core's same session code, writes the same JSON,
 * and differs only in what is being compared: how submissions reach the session (ring, per-session queue,
 * executor) and how its history is stored and read back (journal, JSONL file).
 *
 * <p>Threading: any method may be called from any thread; none blocks except where it says so.
 */
public interface HostUnderTest extends AutoCloseable {

    /** Starts a thread with default settings; {@code session_configured} then goes to {@code events}. */
    HostedThread start(EventSubscriber events);

    /**
     * Submits a client submission, waiting for space the way the implementation does (Turnstile: retries a full
     * ring; the Codex baseline: blocks on the session's bounded queue; the executor baseline: never full).
     */
    void submit(HostedThread thread, Submission submission);

    /** Loads a stored thread (it must not be hosted); {@code session_configured} then goes to {@code events}. */
    HostedThread resume(String threadId, EventWaiter events);

    /** Forks a stored thread whole into a new one; the child's {@code session_configured} goes to {@code events}. */
    HostedThread fork(String parentId, EventWaiter events);

    /** A stored thread's rollout items, read back the implementation's way (journal chain, or whole file). */
    List<RolloutItem> readHistory(String threadId);

    /** Bytes the store holds for this thread's own records (a fork child: what the fork wrote). */
    long bytesWritten(String threadId);

    /** Waits until everything submitted so far is applied and journaled. */
    boolean awaitDrained(Duration timeout);

    /** Closes every hosted thread's channel, stops the dispatch threads and closes the store. */
    @Override
    void close();
}
