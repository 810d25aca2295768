package dev.turnstile.core.host;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.item.UserInput;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import java.util.List;

/**
 * What a turn's {@code runtimeWorkspaceRoots} and {@code permissions} become on the
 * {@code user_input_with_turn_context} op (spec §3.4 {@code turn/start} steps 2–3, §1.2 row 10): resolved
 * runtime roots, and for a profile id its symbolic profile, its id and its own roots. Made by
 * {@link TurnstileHost#turnPermissionOverrides}. Every member is null when not overridden.
 *
 * @param workspaceRoots          the new runtime roots (absolute, de-duplicated), replacing the thread's
 * @param profileWorkspaceRoots   the selected profile's own roots (absolute)
 * @param permissionProfile       the selected profile as wire JSON, {@code :workspace_roots} kept symbolic
 * @param activePermissionProfile the selected profile's id
 */
public record TurnPermissionOverrides(List<String> workspaceRoots, List<String> profileWorkspaceRoots,
                                      JsonNode permissionProfile, ActivePermissionProfile activePermissionProfile) {
    public static final TurnPermissionOverrides NONE = new TurnPermissionOverrides(null, null, null, null);

    public TurnPermissionOverrides {
        workspaceRoots = workspaceRoots == null ? null : List.copyOf(workspaceRoots);
        profileWorkspaceRoots = profileWorkspaceRoots == null ? null : List.copyOf(profileWorkspaceRoots);
    }

    /** True when the turn overrides neither the roots nor the profile. */
    public boolean isEmpty() {
        return workspaceRoots == null && permissionProfile == null;
    }

    /**
     * The op carrying only these overrides (and {@code cwd}, null for unchanged) with the turn's input; callers
     * with more overrides (model, approval policy, ...) build the op themselves from these members. Pass the cwd
     * absolute (resolved as for {@link TurnstileHost#turnPermissionOverrides}): the session resolves a relative one
     * against the process directory, as upstream does (spec Appendix B.6).
     */
    public Op.UserInputWithTurnContext toOp(List<UserInput> items, String cwd) {
        return new Op.UserInputWithTurnContext(items, null, null, null, cwd, workspaceRoots, profileWorkspaceRoots,
                null, null, null, permissionProfile, activePermissionProfile, null, null, null, null, null, null,
                null);
    }
}
