package dev.turnstile.bench.dispatch;

import dev.turnstile.core.pipeline.IngressSlot;
import dev.turnstile.core.pipeline.Pipeline;
import dev.turnstile.core.pipeline.PipelineConfig;
import dev.turnstile.core.pipeline.ShardApplier;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.pipeline.WaitStrategyKind;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.session.Command;
import java.nio.file.Path;
import java.time.Duration;
import org.agrona.concurrent.SystemEpochClock;

/**
 * Turnstile's hop: {@link dev.turnstile.core.pipeline.Ingress#tryPublish} into the multi-producer ring, one shard
 * handler with the default wait strategy (phased: spin, yield, then block) or the blocking one, or (pinned) the default
 * with the shard thread pinned to CPU 1 and the client to CPU 0, applying with a tiny applier that
 * appends the entry's record to the shard journal (with {@code journal}) and flushes at the end of the batch. With a
 * journal the submission is encoded on the publishing thread, as {@code TurnstileHost.submit} does.
 */
final class TurnstileHop implements HopTarget, ShardApplier<Command> {
    private final Pipeline<Command> pipeline;
    private final ThreadHandle thread;
    private final HopJournal journal;
    private volatile long applied;

    /** Where {@code turnstile-pinned} puts its shard thread; its client takes {@link #PINNED_CLIENT_CPU}. */
    static final int PINNED_SHARD_CPU = 1;
    static final int PINNED_CLIENT_CPU = 0;

    TurnstileHop(boolean journaled, Path directory, WaitStrategyKind waitStrategy) {
        this(journaled, directory, waitStrategy, -1);
    }

    /** With {@code shardCpu >= 0}, the shard thread is pinned to that CPU ({@code --pin-shards}). */
    TurnstileHop(boolean journaled, Path directory, WaitStrategyKind waitStrategy, int shardCpu) {
        this.journal = journaled ? new HopJournal(directory) : null;
        PipelineConfig config = new PipelineConfig(1, PipelineConfig.DEFAULT_RING_SIZE, waitStrategy);
        this.pipeline = Pipeline.start(shardCpu < 0 ? config : config.withShardCpus(java.util.List.of(shardCpu)),
                (shard, parts) -> this, SystemEpochClock.INSTANCE);
        this.thread = pipeline.threads().register("hop");
    }

    @Override
    public long publish() {
        // As TurnstileHost.submit does with a journal: the client's thread encodes the submission, the shard
        // thread copies the bytes into the record.
        Command command = journal == null ? COMMAND : new Command.Client(SUBMISSION,
                ProtocolCodec.shared().encodeSubmissionBytes(SUBMISSION));
        return pipeline.ingress().tryPublish(thread, command);
    }

    @Override
    public long applied() {
        return applied;
    }

    @Override
    public void apply(IngressSlot<Command> entry, long position) {
        if (journal != null) {
            journal.append(entry.payload(), entry.threadSequence(), entry.timestampMillis());
        }
        applied = entry.threadSequence();
    }

    @Override
    public void onApplyFailure(IngressSlot<Command> entry, long position, Throwable failure) {
        failure.printStackTrace();
    }

    @Override
    public void endOfBatch() {
        if (journal != null) {
            journal.flush();
        }
    }

    @Override
    public void rotateJournal() {
        pipeline.awaitDrained(Duration.ofSeconds(10));
        if (journal != null) {
            journal.rotate(); // nothing in flight: the dispatch thread is idle
        }
    }

    @Override
    public void close() {
        pipeline.close();
        if (journal != null) {
            journal.close();
        }
    }
}
