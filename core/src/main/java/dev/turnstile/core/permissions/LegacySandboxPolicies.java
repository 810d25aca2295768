package dev.turnstile.core.permissions;

import dev.turnstile.core.permissions.model.Entries;
import dev.turnstile.core.permissions.model.FileSystemAccess;
import dev.turnstile.core.permissions.model.FileSystemPath;
import dev.turnstile.core.permissions.model.FileSystemSandboxEntry;
import dev.turnstile.core.permissions.model.NetworkPolicy;
import dev.turnstile.core.permissions.model.PathRules;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.permissions.model.SpecialPath;
import dev.turnstile.core.permissions.sandbox.RealPaths;
import dev.turnstile.core.permissions.sandbox.Sandbox;
import dev.turnstile.core.permissions.sandbox.SandboxEnvironment;
import dev.turnstile.core.permissions.sandbox.SandboxPlan;
import dev.turnstile.core.protocol.policy.NetworkAccess;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The legacy {@link SandboxPolicy} projection, both ways (spec §1.7, §3.1).
 *
 * <p>Profile to legacy, relative to a cwd: a write grant on the cwd or on the workspace roots makes it
 * {@code workspace-write} (other write paths become its {@code writable_roots}, the temporary directories its
 * exclude flags); no writes at all is {@code read-only}; full-disk write is {@code danger-full-access} with the
 * network, else an external sandbox with a restricted network. Writes elsewhere without the workspace are not
 * representable ({@link #toLegacy} throws); {@link #toLegacyOrCompatible} then falls back to a
 * {@code workspace-write} policy listing the concrete writable roots.
 *
 * <p>Legacy to profile, for a cwd: {@code danger-full-access} is a disabled sandbox, {@code external-sandbox}
 * an external one, {@code read-only} reads everything, {@code workspace-write} is the {@code :workspace} entries
 * plus its writable roots, with {@code .git}, {@code .agents} and {@code .codex} of the cwd and of each writable
 * root kept read-only (upstream adds those paths only when they exist; here they are always added, so the
 * projection does not depend on the disk).
 */
public final class LegacySandboxPolicies {
    static final String NOT_REPRESENTABLE = "permissions profile requests filesystem writes outside the workspace "
            + "root, which is not supported until the runtime enforces FileSystemSandboxPolicy directly";

    private LegacySandboxPolicies() {
    }

    /**
     * The legacy policy equivalent to {@code profile} (materialised) for {@code cwd}.
     *
     * @throws PermissionException when the profile writes outside the workspace root without writing it
     */
    public static SandboxPolicy toLegacy(PermissionProfile profile, Path cwd) {
        return switch (profile) {
            case PermissionProfile.Disabled ignored -> SandboxPolicy.dangerFullAccess();
            case PermissionProfile.External external -> new SandboxPolicy.ExternalSandbox(access(external.network()));
            case PermissionProfile.Managed(PermissionProfile.Unrestricted ignored, NetworkPolicy network) ->
                    fullDiskWrite(network);
            case PermissionProfile.Managed(PermissionProfile.Restricted restricted, NetworkPolicy network) ->
                    restrictedToLegacy(restricted.entries(), network, cwd);
        };
    }

    /** {@link #toLegacy}, or the compatibility {@code workspace-write} projection when it is not representable. */
    public static SandboxPolicy toLegacyOrCompatible(PermissionProfile profile, Path cwd,
                                                     SandboxEnvironment environment) {
        try {
            return toLegacy(profile, cwd);
        } catch (PermissionException notRepresentable) {
            SandboxPlan plan = Sandbox.realize(profile, cwd, environment);
            Path realCwd = RealPaths.of(cwd);
            List<String> roots = plan.writableRootPaths().stream().filter(root -> !root.equals(realCwd))
                    .map(Path::toString).toList();
            boolean tmpdirWritable = environment.tmpdir() != null && plan.isWritable(environment.tmpdir());
            boolean slashTmpWritable = environment.slashTmpIsDirectory() && plan.isWritable(Path.of("/tmp"));
            return new SandboxPolicy.WorkspaceWrite(roots, plan.networkEnabled(), !tmpdirWritable, !slashTmpWritable);
        }
    }

    private static SandboxPolicy restrictedToLegacy(List<FileSystemSandboxEntry> entries, NetworkPolicy network,
                                                    Path cwd) {
        boolean workspaceRootWritable = false;
        boolean rootWrite = false;
        boolean tmpdirWritable = false;
        boolean slashTmpWritable = false;
        List<Path> writableRoots = new ArrayList<>();
        for (FileSystemSandboxEntry entry : entries) {
            if (!entry.access().canWrite()) {
                continue;
            }
            switch (entry.path()) {
                case FileSystemPath.Glob ignored -> {
                }
                case FileSystemPath.Exact exact -> {
                    if (exact.path().equals(cwd)) {
                        workspaceRootWritable = true;
                    } else {
                        writableRoots.add(exact.path());
                    }
                }
                case FileSystemPath.Special special -> {
                    switch (special.value()) {
                        case SpecialPath.Root ignored -> rootWrite = true;
                        case SpecialPath.ProjectRoots roots when roots.subpath() == null -> workspaceRootWritable = true;
                        case SpecialPath.ProjectRoots roots -> writableRoots.add(roots.under(cwd));
                        case SpecialPath.Tmpdir ignored -> tmpdirWritable = true;
                        case SpecialPath.SlashTmp ignored -> slashTmpWritable = true;
                        case SpecialPath.Minimal ignored -> {
                        }
                        case SpecialPath.Unknown ignored -> {
                        }
                    }
                }
            }
        }
        if (rootWrite && Sandbox.hasFullDiskWriteAccess(entries)) {
            return fullDiskWrite(network);
        }
        if (workspaceRootWritable) {
            List<String> roots = new LinkedHashSet<>(writableRoots).stream().map(Path::toString).toList();
            return new SandboxPolicy.WorkspaceWrite(roots, network.isEnabled(), !tmpdirWritable, !slashTmpWritable);
        }
        if (rootWrite || !writableRoots.isEmpty() || tmpdirWritable || slashTmpWritable) {
            throw new PermissionException(NOT_REPRESENTABLE);
        }
        return new SandboxPolicy.ReadOnly(network.isEnabled());
    }

    private static SandboxPolicy fullDiskWrite(NetworkPolicy network) {
        return network.isEnabled() ? SandboxPolicy.dangerFullAccess()
                : new SandboxPolicy.ExternalSandbox(NetworkAccess.RESTRICTED);
    }

    private static NetworkAccess access(NetworkPolicy network) {
        return network.isEnabled() ? NetworkAccess.ENABLED : NetworkAccess.RESTRICTED;
    }

    /** The profile a legacy policy stands for, with {@code cwd}'s protected metadata kept read-only. */
    public static PermissionProfile fromLegacy(SandboxPolicy policy, Path cwd) {
        return switch (policy) {
            case SandboxPolicy.DangerFullAccess ignored -> PermissionProfile.disabled();
            case SandboxPolicy.ExternalSandbox external -> new PermissionProfile.External(
                    external.networkAccess() == NetworkAccess.ENABLED ? NetworkPolicy.ENABLED : NetworkPolicy.RESTRICTED);
            case SandboxPolicy.ReadOnly readOnly -> PermissionProfile.restricted(
                    List.of(FileSystemSandboxEntry.of(SpecialPath.ROOT, FileSystemAccess.READ)),
                    NetworkPolicy.of(readOnly.networkAccess()));
            case SandboxPolicy.WorkspaceWrite write -> {
                List<Path> roots = new ArrayList<>();
                for (String root : write.writableRoots()) {
                    roots.add(PathRules.absoluteLexical(PathRules.parse(root, root), "writable root"));
                }
                List<FileSystemSandboxEntry> entries = new ArrayList<>(PermissionProfile.workspaceWrite(roots,
                        NetworkPolicy.RESTRICTED, write.excludeTmpdirEnvVar(), write.excludeSlashTmp()).entries());
                Entries.appendProtectedMetadata(entries, PathRules.absoluteLexical(cwd, "cwd"));
                yield PermissionProfile.restricted(entries, NetworkPolicy.of(write.networkAccess()));
            }
        };
    }

    /**
     * {@link #fromLegacy}, keeping the deny-read entries and glob scan depth of {@code existing} (spec §3.3 step
     * 5, the {@code sandbox_policy} branch).
     */
    public static PermissionProfile fromLegacyPreservingDenies(SandboxPolicy policy, Path cwd,
                                                               PermissionProfile existing) {
        PermissionProfile rebuilt = fromLegacy(policy, cwd);
        if (!(rebuilt instanceof PermissionProfile.Managed(PermissionProfile.Restricted restricted,
                NetworkPolicy network))) {
            return rebuilt;
        }
        List<FileSystemSandboxEntry> entries = new ArrayList<>(restricted.entries());
        for (FileSystemSandboxEntry entry : existing.entries()) {
            if (entry.access() == FileSystemAccess.NONE && !entries.contains(entry)) {
                entries.add(entry);
            }
        }
        return new PermissionProfile.Managed(new PermissionProfile.Restricted(entries, existing.globScanMaxDepth()),
                network);
    }
}
