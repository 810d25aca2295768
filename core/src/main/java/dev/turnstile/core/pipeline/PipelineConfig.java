package dev.turnstile.core.pipeline;

import java.util.List;

/**
 * How the pipeline is built.
 *
 * @param shards       number of shard dispatch handlers (threads); a thread's shard is fixed when it is created
 * @param ringSize     ingress ring capacity, a power of two; a client submission that finds it full is answered
 *                     <em>overloaded</em> at once
 * @param waitStrategy how idle shard handlers wait
 * @param shardCpus    the CPUs the shard threads are pinned to, shard {@code i} to the {@code i}-th (round robin when
 *                     there are fewer CPUs than shards); empty: not pinned, the operating system places them. Pin
 *                     on a host with cores to spare, one per shard, so a spinning shard never shares its core.
 */
public record PipelineConfig(int shards, int ringSize, WaitStrategyKind waitStrategy, List<Integer> shardCpus) {
    public static final int DEFAULT_RING_SIZE = 1 << 16;

    public PipelineConfig {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be >= 1, was " + shards);
        }
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ring size must be a power of two >= 2, was " + ringSize);
        }
        if (waitStrategy == null) {
            throw new IllegalArgumentException("wait strategy must be given");
        }
        shardCpus = shardCpus == null ? List.of() : List.copyOf(shardCpus);
        for (int cpu : shardCpus) {
            if (cpu < 0) {
                throw new IllegalArgumentException("a CPU number is >= 0, was " + cpu);
            }
        }
    }

    /** Shard threads placed by the operating system (not pinned). */
    public PipelineConfig(int shards, int ringSize, WaitStrategyKind waitStrategy) {
        this(shards, ringSize, waitStrategy, List.of());
    }

    /** The CPU shard {@code shard}'s thread is pinned to, or -1 when shard threads are not pinned. */
    public int cpuOf(int shard) {
        return shardCpus.isEmpty() ? -1 : shardCpus.get(shard % shardCpus.size());
    }

    /** One shard per available core (at least one), a 64 Ki-slot ring, the phased wait strategy. */
    public static PipelineConfig defaults() {
        return new PipelineConfig(defaultShards(), DEFAULT_RING_SIZE, WaitStrategyKind.PHASED);
    }

    public static int defaultShards() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    public PipelineConfig withShards(int newShards) {
        return new PipelineConfig(newShards, ringSize, waitStrategy, shardCpus);
    }

    public PipelineConfig withRingSize(int newRingSize) {
        return new PipelineConfig(shards, newRingSize, waitStrategy, shardCpus);
    }

    public PipelineConfig withWaitStrategy(WaitStrategyKind newWaitStrategy) {
        return new PipelineConfig(shards, ringSize, newWaitStrategy, shardCpus);
    }

    public PipelineConfig withShardCpus(List<Integer> cpus) {
        return new PipelineConfig(shards, ringSize, waitStrategy, cpus);
    }
}
