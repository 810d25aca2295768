package dev.turnstile.core.pipeline;

/** Makes the applier of each shard; it may keep the pipeline's parts (e.g. to publish results back). */
@FunctionalInterface
public interface ShardApplierFactory<P> {
    ShardApplier<P> create(int shard, PipelineParts<P> parts);
}
