package dev.turnstile.core.host;

import dev.turnstile.core.permissions.ProjectTrust;
import dev.turnstile.core.permissions.config.PermissionsConfig;
import dev.turnstile.core.pipeline.Ingress;
import dev.turnstile.core.pipeline.PipelineConfig;
import dev.turnstile.core.session.Command;
import dev.turnstile.core.session.rollout.RolloutStore;
import dev.turnstile.core.turn.TurnEffects;
import dev.turnstile.core.turn.model.ModelClient;
import java.nio.file.Path;
import java.util.function.Function;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

/**
 * How a host is built.
 *
 * @param pipeline         shards, ring size, wait strategy
 * @param model            the model the threads' turns sample
 * @param rollouts         where rollouts go (the journal), or {@link RolloutStore#none()}
 * @param processDirectory what relative paths in settings updates resolve against
 * @param clock            the clock the edge stamps entries with
 * @param effects          makes the effects port from the ingress (tests may drive results by hand)
 * @param permissions      the permission part of the configuration file ({@code --config FILE}): the named
 *                         profiles threads may select by id and {@code default_permissions}; empty for none, so
 *                         threads get the implicit default of spec §3.1
 * @param projectTrust     what picks that implicit default: {@code TRUSTED} (the default) gives {@code :workspace},
 *                         {@code UNDECIDED} gives {@code :read-only}
 */
public record HostConfig(PipelineConfig pipeline, ModelClient model, RolloutStore rollouts, Path processDirectory,
                         EpochClock clock, Function<Ingress<Command>, TurnEffects> effects,
                         PermissionsConfig permissions, ProjectTrust projectTrust) {

    public HostConfig {
        permissions = permissions == null ? PermissionsConfig.empty() : permissions;
        projectTrust = projectTrust == null ? ProjectTrust.TRUSTED : projectTrust;
    }

    public static HostConfig of(PipelineConfig pipeline, ModelClient model) {
        return new HostConfig(pipeline, model, RolloutStore.none(), Path.of("").toAbsolutePath(),
                SystemEpochClock.INSTANCE, ingress -> new LiveTurnEffects(model, ingress), PermissionsConfig.empty(),
                ProjectTrust.TRUSTED);
    }

    public HostConfig withRollouts(RolloutStore newRollouts) {
        return new HostConfig(pipeline, model, newRollouts, processDirectory, clock, effects, permissions,
                projectTrust);
    }

    public HostConfig withClock(EpochClock newClock) {
        return new HostConfig(pipeline, model, rollouts, processDirectory, newClock, effects, permissions,
                projectTrust);
    }

    public HostConfig withEffects(Function<Ingress<Command>, TurnEffects> newEffects) {
        return new HostConfig(pipeline, model, rollouts, processDirectory, clock, newEffects, permissions,
                projectTrust);
    }

    public HostConfig withPermissions(PermissionsConfig newPermissions) {
        return new HostConfig(pipeline, model, rollouts, processDirectory, clock, effects, newPermissions,
                projectTrust);
    }

    public HostConfig withProjectTrust(ProjectTrust trust) {
        return new HostConfig(pipeline, model, rollouts, processDirectory, clock, effects, permissions, trust);
    }
}
