package dev.turnstile.bench.support;

import dev.turnstile.bench.baseline.codex.CodexHost;
import dev.turnstile.bench.baseline.executor.ExecutorHost;
import dev.turnstile.core.pipeline.WaitStrategyKind;
import dev.turnstile.core.turn.model.ModelClient;
import dev.turnstile.core.turn.model.ModelClients;
import java.nio.file.Path;

/**
 * The implementations a whole-host benchmark compares, named as the {@code impl} parameter spells them.
 * <ul>
 *   <li>{@code turnstile}: the Disruptor pipeline (default, phased wait strategy) and the Chronicle journal;
 *       {@code turnstile-blocking}: the same with the blocking wait strategy;</li>
 *   <li>{@code codex}: baseline (a), the Codex architecture on the JVM: a bounded queue (512) and a task per
 *       session, a rollout writer task per session appending JSONL with Jackson, flushed per item; rollback,
 *       resume and fork read the whole file back;</li>
 *   <li>{@code executor}: baseline (b), one single-thread {@code java.util.concurrent} executor with a
 *       {@code LinkedBlockingQueue} per shard, journaling to the same Chronicle journal as Turnstile.</li>
 * </ul>
 */
public enum Impl {
    TURNSTILE,
    /** Turnstile with the blocking wait strategy instead of the default phased one. */
    TURNSTILE_BLOCKING,
    CODEX,
    EXECUTOR;

    /** The working directory every benchmark thread is created with. */
    public static final String CWD = "/repo";

    /**
     * Opens a host.
     *
     * @param journalSubmissions Codex baseline only: also journal every submission as a JSONL line (as Turnstile
     *                           journals every entry), for the benchmarks that count journaled submissions
     */
    public HostUnderTest open(Path data, int shards, ModelClient model, boolean journalSubmissions) {
        return switch (this) {
            case TURNSTILE -> new TurnstileUnderTest(data, shards, WaitStrategyKind.PHASED, model);
            case TURNSTILE_BLOCKING -> new TurnstileUnderTest(data, shards, WaitStrategyKind.BLOCKING, model);
            case CODEX -> new CodexHost(data, model, journalSubmissions);
            case EXECUTOR -> new ExecutorHost(data, shards, model);
        };
    }

    public HostUnderTest open(Path data, int shards, boolean journalSubmissions) {
        return open(data, shards, ModelClients.fromSpec("echo"), journalSubmissions);
    }

    public static Impl parse(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
