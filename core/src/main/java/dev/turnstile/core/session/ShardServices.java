package dev.turnstile.core.session;

import dev.turnstile.core.pipeline.PipelineCounters;
import dev.turnstile.core.session.rollout.RolloutStore;
import dev.turnstile.core.turn.TurnEffects;
import java.nio.file.Path;

/**
 * What the sessions of one shard share: the effects port (model, tools), the rollout store, counters, and the
 * directory relative paths are resolved against. Used by that shard's dispatch thread only.
 */
public final class ShardServices {
    private final int shard;
    private final TurnEffects effects;
    private final RolloutStore rollouts;
    private final PipelineCounters counters;
    private final Path processDirectory;
    private final String modelProviderId;

    public ShardServices(int shard, TurnEffects effects, RolloutStore rollouts, PipelineCounters counters,
                         Path processDirectory, String modelProviderId) {
        this.shard = shard;
        this.effects = effects;
        this.rollouts = rollouts;
        this.counters = counters;
        this.processDirectory = processDirectory;
        this.modelProviderId = modelProviderId;
    }

    public int shard() {
        return shard;
    }

    public TurnEffects effects() {
        return effects;
    }

    public RolloutStore rollouts() {
        return rollouts;
    }

    public Path processDirectory() {
        return processDirectory;
    }

    public String modelProviderId() {
        return modelProviderId;
    }

    void countEventOut() {
        if (counters != null) {
            counters.recordEventsOut(shard, 1);
        }
    }
}
