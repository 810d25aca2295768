package dev.turnstile.core.permissions.config;

import dev.turnstile.core.permissions.model.FileSystemSandboxEntry;
import dev.turnstile.core.permissions.model.NetworkPolicy;
import dev.turnstile.core.permissions.model.PermissionProfile;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code [permissions.<id>]} table, compiled: its filesystem rules as entries (with {@code :workspace_roots}
 * rules still symbolic), its network setting and its own workspace roots.
 *
 * @param id               the profile id
 * @param entries          the filesystem entries, in key order
 * @param globScanMaxDepth {@code filesystem.glob_scan_max_depth}, or null
 * @param network          {@code network.enabled} as a policy (restricted when unset)
 * @param workspaceRoots   the enabled keys of {@code workspace_roots} with {@code ~} expanded, in key order; relative
 *                         ones are resolved against the thread's cwd when the profile is selected
 */
public record ProfileDefinition(String id, List<FileSystemSandboxEntry> entries, Integer globScanMaxDepth,
                                NetworkPolicy network, List<Path> workspaceRoots) {
    public ProfileDefinition {
        entries = List.copyOf(entries);
        workspaceRoots = List.copyOf(workspaceRoots);
        network = network == null ? NetworkPolicy.RESTRICTED : network;
    }

    /** The compiled profile, symbolic: its own workspace roots are not baked in yet. */
    public PermissionProfile profile() {
        return new PermissionProfile.Managed(new PermissionProfile.Restricted(entries, globScanMaxDepth), network);
    }
}
