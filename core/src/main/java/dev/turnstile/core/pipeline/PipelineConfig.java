package dev.turnstile.core.pipeline;

/**
 * How the pipeline is built.
 *
 * @param shards       number of shard dispatch handlers (threads); a thread's shard is fixed when it is created
 * @param ringSize     ingress ring capacity, a power of two; a client submission that finds it full is answered
 *                     <em>overloaded</em> at once
 * @param waitStrategy how idle shard handlers wait
 */
public record PipelineConfig(int shards, int ringSize, WaitStrategyKind waitStrategy) {
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
    }

    /** One shard per available core (at least one), a 64 Ki-slot ring, the phased wait strategy. */
    public static PipelineConfig defaults() {
        return new PipelineConfig(defaultShards(), DEFAULT_RING_SIZE, WaitStrategyKind.PHASED);
    }

    public static int defaultShards() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    public PipelineConfig withShards(int newShards) {
        return new PipelineConfig(newShards, ringSize, waitStrategy);
    }

    public PipelineConfig withRingSize(int newRingSize) {
        return new PipelineConfig(shards, newRingSize, waitStrategy);
    }

    public PipelineConfig withWaitStrategy(WaitStrategyKind newWaitStrategy) {
        return new PipelineConfig(shards, ringSize, newWaitStrategy);
    }
}
