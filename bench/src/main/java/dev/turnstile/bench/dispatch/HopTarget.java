package dev.turnstile.bench.dispatch;

import dev.turnstile.core.pipeline.WaitStrategyKind;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ThreadMemoryMode;
import dev.turnstile.core.session.Command;
import java.nio.file.Path;

/**
 * One hop, publish to applied, with the bare mechanics of each design: what carries an entry from a client's thread
 * to the thread that applies it, and (with {@code journal}) the append of the entry's record before it counts as
 * applied. Every target carries the same command and journals the same JSON.
 */
interface HopTarget extends AutoCloseable {

    /** What every hop carries: a cheap client submission, journaled as its JSON. */
    Submission SUBMISSION = new Submission("hop", new Op.SetThreadMemoryMode(ThreadMemoryMode.ENABLED));
    Command COMMAND = new Command.Client(SUBMISSION);

    /** Publishes one entry; returns its ticket (1, 2, 3, ...). */
    long publish();

    /** The highest ticket applied (and, with a journal, appended); published in order, applied in order. */
    long applied();

    /** Starts a new journal directory (the previous one is deleted), so disk use stays bounded. */
    void rotateJournal();

    @Override
    void close();

    static HopTarget open(String impl, boolean journal, Path directory) {
        return switch (impl) {
            case "turnstile" -> new TurnstileHop(journal, directory, WaitStrategyKind.PHASED);
            case "turnstile-blocking" -> new TurnstileHop(journal, directory, WaitStrategyKind.BLOCKING);
            case "turnstile-pinned" -> new TurnstileHop(journal, directory, WaitStrategyKind.PHASED,
                    TurnstileHop.PINNED_SHARD_CPU);
            case "codex" -> new CodexHop(journal, directory);
            case "executor" -> new ExecutorHop(journal, directory);
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
    }
}
