package dev.turnstile.core.session;

import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.event.TokenUsageInfo;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.TurnContextItem;
import dev.turnstile.core.session.history.RolloutReconstruction;
import java.util.List;

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

    private Resumption() {
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

    /** The thread goes on with the settings its newest turn ran with. */
    private static SessionConfiguration continueWith(SessionConfiguration created, TurnContextItem context) {
        List<String> roots = created.workspaceRoots().contains(created.cwd()) && !created.cwd().equals(context.cwd())
                ? SettingsUpdate.retarget(created.workspaceRoots(), created.cwd(), context.cwd())
                : created.workspaceRoots();
        return new SessionConfiguration(context.model(), created.modelProviderId(), context.cwd(),
                context.approvalPolicy(), context.approvalsReviewer() != null ? context.approvalsReviewer()
                : created.approvalsReviewer(), context.sandboxPolicy(), context.permissionProfile(),
                created.activePermissionProfile(), roots, created.profileWorkspaceRoots(), context.effort(),
                context.summary(), created.serviceTier(), context.collaborationMode() != null
                ? context.collaborationMode() : created.collaborationMode(), context.personality(),
                created.windowsSandboxLevel(), created.modelContextWindow());
    }
}
