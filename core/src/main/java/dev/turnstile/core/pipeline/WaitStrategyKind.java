package dev.turnstile.core.pipeline;

import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How an idle shard handler waits for the next entry. The default never busy-spins: on a small host a spinning
 * handler steals the core that the producers, the model callbacks and the transports need.
 */
public enum WaitStrategyKind {
    /** Spin briefly, then yield, then block on a lock: low latency under load, no CPU when idle. The default. */
    PHASED,
    /** Block on a lock at once: least CPU, highest wake-up latency. */
    BLOCKING,
    /** Spin, yield, then sleep in short parks. */
    SLEEPING,
    /** Yield in a loop: low latency, keeps a core busy. Use only with a core per shard to spare. */
    YIELDING,
    /** Spin: lowest latency, burns a whole core per shard. Benchmarks on big hosts only. */
    BUSY_SPIN;

    public WaitStrategy create() {
        return switch (this) {
            // The lite lock: a publish only takes the lock and signals when a handler has said it is about to
            // block (a flag both sides fence on, so a handler either sees the new cursor or the producer sees the
            // flag). The plain lock would make every publish take a monitor and notifyAll, about a tenth of a
            // producer's time under load (JFR, throughput benchmark), even when no handler is asleep.
            case PHASED -> PhasedBackoffWaitStrategy.withLiteLock(20, 200, TimeUnit.MICROSECONDS);
            case BLOCKING -> new LiteBlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }

    /** Parses the command-line spelling: {@code phased}, {@code blocking}, {@code sleeping}, {@code yielding}, {@code busy-spin}. */
    public static WaitStrategyKind parse(String text) {
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (WaitStrategyKind kind : values()) {
            if (kind.name().equals(normalized)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "unknown wait strategy '" + text + "': expected one of phased, blocking, sleeping, yielding, busy-spin");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
