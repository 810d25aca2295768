package dev.turnstile.core.permissions;

import dev.turnstile.core.permissions.config.LegacyWorkspaceWrite;
import dev.turnstile.core.permissions.model.NetworkPolicy;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.PermissionProfile;
import java.util.List;

/** The three built-in profiles, selected by id (spec §3.1), and the implicit default. */
public final class BuiltInProfiles {
    public static final String READ_ONLY = ":read-only";
    public static final String WORKSPACE = ":workspace";
    public static final String DANGER_FULL_ACCESS = ":danger-full-access";
    public static final List<String> IDS = List.of(READ_ONLY, WORKSPACE, DANGER_FULL_ACCESS);

    private BuiltInProfiles() {
    }

    public static boolean isBuiltIn(String id) {
        return IDS.contains(id);
    }

    /**
     * The built-in profile {@code id}.
     *
     * @throws PermissionException for any other id, with upstream's message for an unknown {@code :id}
     */
    public static PermissionProfile profile(String id) {
        return switch (id) {
            case READ_ONLY -> PermissionProfile.readOnly();
            case WORKSPACE -> PermissionProfile.workspaceWrite();
            case DANGER_FULL_ACCESS -> PermissionProfile.disabled();
            default -> {
                rejectUnknownBuiltIn(id);
                throw new PermissionException("`" + id + "` is not a built-in profile id");
            }
        };
    }

    /**
     * {@code :workspace} with the knobs of a legacy {@code [sandbox_workspace_write]} table (network, temporary
     * directories; its writable roots become runtime workspace roots instead).
     */
    public static PermissionProfile workspace(LegacyWorkspaceWrite legacy) {
        return legacy == null ? PermissionProfile.workspaceWrite()
                : PermissionProfile.workspaceWrite(List.of(), NetworkPolicy.of(legacy.networkAccess()),
                legacy.excludeTmpdirEnvVar(), legacy.excludeSlashTmp());
    }

    /** Any id starting with {@code :} that is not a built-in is an error. */
    public static void rejectUnknownBuiltIn(String id) {
        if (id.startsWith(":") && !isBuiltIn(id)) {
            throw new PermissionException("default_permissions refers to unknown built-in profile `" + id + "`");
        }
    }

    /**
     * The profile used when nothing is configured: {@code :workspace} when the project is trusted or explicitly
     * untrusted (and not Windows without a sandbox), otherwise {@code :read-only}.
     */
    public static String implicitDefault(ProjectTrust trust, boolean windowsWithoutSandbox) {
        return trust != ProjectTrust.UNDECIDED && !windowsWithoutSandbox ? WORKSPACE : READ_ONLY;
    }
}
