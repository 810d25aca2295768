package dev.turnstile.core.session;

import dev.turnstile.core.permissions.PermissionState;
import dev.turnstile.core.permissions.ThreadPermissions;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.permissions.wire.PermissionProfileJson;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.event.TokenUsageInfo;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.TurnContextItem;
import dev.turnstile.core.session.history.RolloutReconstruction;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.policy.ThreadMemoryMode;
import dev.turnstile.core.session.history.History;
import dev.turnstile.core.session.rollout.Checkpoint;

/**
 * What a resumed thread's state is, read from its rollout (spec §2.11): the history and metadata rebuilt as §2.7
 * says, the settings of its newest turn, the token usage of its last {@code token_count}, and whether its last turn
 * was still running when the process stopped.
 */
public final class Resumption {

    /**
     * @param configuration   the settings to continue with
     * @param rebuilt         history, previous-turn settings, reference context
     * @param tokenInfo       the last non-null token usage, or null
     * @param unfinishedTurn  the id of a turn that started and never ended, or null
     */
    public record State(SessionConfiguration configuration, RolloutReconstruction.Result rebuilt, TokenUsageInfo tokenInfo,
                 String unfinishedTurn) {
    }

    /**
     * A resumed thread's state from its newest checkpoint and the few records after it: a lazy history (the
     * checkpoint's) plus the tail's items, and the tail's newer settings, tokens and unfinished turn.
     */
    public record FromCheckpoint(SessionConfiguration configuration, History.Base base,
                                 List<ResponseItem> tailItems, TurnContextItem referenceContext,
                                 RolloutReconstruction.PreviousTurnSettings previousTurnSettings,
                                 TokenUsageInfo tokenInfo, String unfinishedTurn, long samplingCount,
                                 ThreadMemoryMode memoryMode) {
    }

    private Resumption() {
    }

    /**
     * The state from a checkpoint and the rollout items recorded after it, or null when the tail holds what only a
     * rebuild of the whole rollout can apply (a compaction or a rollback marker; checkpoints normally follow both).
     */
    public static FromCheckpoint fromCheckpoint(Checkpoint checkpoint, Supplier<List<ResponseItem>> loader,
                                                List<RolloutItem> tail) {
        SessionConfiguration configuration = checkpoint.configuration();
        TurnContextItem reference = checkpoint.referenceContext();
        RolloutReconstruction.PreviousTurnSettings previous = checkpoint.previousTurnSettings();
        TokenUsageInfo tokens = checkpoint.tokenInfo();
        String openTurn = null;
        List<ResponseItem> items = new ArrayList<>();
        for (RolloutItem item : tail) {
            switch (item) {
                case RolloutItem.CompactedLine compacted -> {
                    return null;
                }
                case RolloutItem.ResponseItemLine line -> items.add(line.payload());
                case RolloutItem.TurnContextLine line -> {
                    reference = line.payload();
                    previous = new RolloutReconstruction.PreviousTurnSettings(line.payload().model(),
                            line.payload().realtimeActive());
                    configuration = continueWith(configuration, line.payload());
                }
                case RolloutItem.EventMsgLine line -> {
                    EventMsg event = line.payload();
                    if (event instanceof EventMsg.ThreadRolledBack) {
                        return null;
                    } else if (event instanceof EventMsg.TokenCount count && count.info() != null) {
                        tokens = count.info();
                    } else if (event instanceof EventMsg.TurnStarted started) {
                        openTurn = started.turnId();
                    } else if (event instanceof EventMsg.TurnComplete complete
                            && complete.turnId().equals(openTurn)) {
                        openTurn = null;
                    } else if (event instanceof EventMsg.TurnAborted aborted && openTurn != null
                            && openTurn.equals(aborted.turnId())) {
                        openTurn = null;
                    }
                }
                default -> {
                }
            }
        }
        History.Base base = new History.Base(checkpoint.historyLength(), checkpoint.historyTokens(),
                checkpoint.userTurns(), checkpoint.lastUserText(), loader);
        return new FromCheckpoint(configuration, base, items, reference, previous, tokens, openTurn,
                checkpoint.samplingCount(), checkpoint.memoryMode());
    }

    public static State of(SessionConfiguration created, List<RolloutItem> items) {
        RolloutReconstruction.Result rebuilt = RolloutReconstruction.reconstruct(items);
        TokenUsageInfo tokens = null;
        TurnContextItem lastContext = null;
        String openTurn = null;
        for (RolloutItem item : items) {
            if (item instanceof RolloutItem.TurnContextLine line) {
                lastContext = line.payload();
            } else if (item instanceof RolloutItem.EventMsgLine line) {
                EventMsg event = line.payload();
                if (event instanceof EventMsg.TokenCount count && count.info() != null) {
                    tokens = count.info();
                } else if (event instanceof EventMsg.TurnStarted started) {
                    openTurn = started.turnId();
                } else if (event instanceof EventMsg.TurnComplete complete && complete.turnId().equals(openTurn)) {
                    openTurn = null;
                } else if (event instanceof EventMsg.TurnAborted aborted && openTurn != null
                        && openTurn.equals(aborted.turnId())) {
                    openTurn = null;
                }
            }
        }
        SessionConfiguration configuration = lastContext == null ? created : continueWith(created, lastContext);
        return new State(configuration, rebuilt, tokens, openTurn);
    }

    /**
     * The thread goes on with the settings its newest turn ran with. Its permissions come from that turn's
     * {@code turn_context}: the runtime roots, profile roots and profile id it records next to the symbolic
     * {@code permission_profile} (see {@link InitialContext#turnContext}); a line without them (a Codex file, or one
     * written before they were recorded) keeps the created roots, retargeted to the recorded cwd, and the created
     * profile id only when the recorded profile is the created one.
     */
    private static SessionConfiguration continueWith(SessionConfiguration created, TurnContextItem context) {
        return new SessionConfiguration(context.model(), created.modelProviderId(), context.approvalPolicy(),
                context.approvalsReviewer() != null ? context.approvalsReviewer() : created.approvalsReviewer(),
                permissions(created.permissions(), context), context.effort(), context.summary(),
                created.serviceTier(), context.collaborationMode() != null ? context.collaborationMode()
                : created.collaborationMode(), context.personality(), created.windowsSandboxLevel(),
                created.modelContextWindow());
    }

    private static ThreadPermissions permissions(ThreadPermissions created, TurnContextItem context) {
        Path cwd = Path.of(context.cwd());
        InitialContext.RecordedPermissions recorded = InitialContext.RecordedPermissions.of(context);
        List<Path> roots;
        if (recorded != null) {
            roots = recorded.workspaceRoots();
        } else if (!created.cwd().equals(cwd) && created.runtimeWorkspaceRoots().contains(created.cwd())) {
            LinkedHashSet<Path> retargeted = new LinkedHashSet<>();
            for (Path root : created.runtimeWorkspaceRoots()) {
                retargeted.add(root.equals(created.cwd()) ? cwd : root);
            }
            roots = List.copyOf(retargeted);
        } else {
            roots = created.runtimeWorkspaceRoots();
        }
        if (context.permissionProfile() == null || context.permissionProfile().isNull()) {
            return ThreadPermissions.legacy(context.sandboxPolicy(), cwd, roots);
        }
        PermissionProfile profile;
        try {
            profile = PermissionProfileJson.fromJson(context.permissionProfile());
        } catch (PermissionException unreadable) {
            return ThreadPermissions.legacy(context.sandboxPolicy(), cwd, roots);
        }
        PermissionState state;
        if (recorded != null) {
            state = PermissionState.of(profile, recorded.activePermissionProfile(), recorded.profileWorkspaceRoots());
        } else if (profile.equals(created.state().profile())) {
            state = created.state();
        } else {
            state = new PermissionState.Legacy(profile);
        }
        return new ThreadPermissions(state, cwd, roots);
    }
}
