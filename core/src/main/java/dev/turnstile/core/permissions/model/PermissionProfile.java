package dev.turnstile.core.permissions.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical runtime permissions of a thread (spec §3.1): Codex builds the sandbox from filesystem entries
 * and a network setting ({@link Managed}), no sandbox at all ({@link Disabled}), or an external caller isolates
 * the filesystem ({@link External}). Immutable. A stored profile keeps {@code project_roots} entries symbolic;
 * {@link #materialize} binds them to a thread's runtime workspace roots.
 */
public sealed interface PermissionProfile permits PermissionProfile.Managed, PermissionProfile.Disabled,
        PermissionProfile.External {

    /** Who enforces this profile. */
    Enforcement enforcement();

    /** Network access: a disabled sandbox has the network. */
    NetworkPolicy network();

    /** Codex builds the sandbox. */
    record Managed(ManagedFileSystem fileSystem, NetworkPolicy network) implements PermissionProfile {
        public Managed {
            if (fileSystem == null) {
                throw new PermissionException("a managed profile needs a file_system");
            }
            network = network == null ? NetworkPolicy.RESTRICTED : network;
        }

        @Override
        public Enforcement enforcement() {
            return Enforcement.MANAGED;
        }
    }

    /** No outer sandbox ({@code :danger-full-access}). */
    record Disabled() implements PermissionProfile {
        @Override
        public Enforcement enforcement() {
            return Enforcement.DISABLED;
        }

        @Override
        public NetworkPolicy network() {
            return NetworkPolicy.ENABLED;
        }
    }

    /** Filesystem isolation is done by whoever runs Codex. */
    record External(NetworkPolicy network) implements PermissionProfile {
        public External {
            network = network == null ? NetworkPolicy.RESTRICTED : network;
        }

        @Override
        public Enforcement enforcement() {
            return Enforcement.EXTERNAL;
        }
    }

    /** The filesystem part of a managed profile. */
    sealed interface ManagedFileSystem permits Restricted, Unrestricted {
    }

    /**
     * Only what the entries grant.
     *
     * @param globScanMaxDepth how deep deny-read globs are expanded where the sandbox cannot match them natively;
     *                         null when unset, otherwise at least 1
     */
    record Restricted(List<FileSystemSandboxEntry> entries, Integer globScanMaxDepth) implements ManagedFileSystem {
        public Restricted {
            entries = entries == null ? List.of() : List.copyOf(entries);
            if (globScanMaxDepth != null && globScanMaxDepth < 1) {
                throw new PermissionException("glob_scan_max_depth must be at least 1");
            }
        }

        public Restricted(List<FileSystemSandboxEntry> entries) {
            this(entries, null);
        }
    }

    /** All filesystem access, inside a Codex-managed sandbox (the network may still be restricted). */
    record Unrestricted() implements ManagedFileSystem {
    }

    // ----------------------------------------------------------------------------------------------- factories

    static PermissionProfile restricted(List<FileSystemSandboxEntry> entries, NetworkPolicy network) {
        return new Managed(new Restricted(entries), network);
    }

    static PermissionProfile disabled() {
        return new Disabled();
    }

    /** {@code :read-only}: read everything, write nothing, no network. */
    static PermissionProfile readOnly() {
        return restricted(List.of(FileSystemSandboxEntry.of(SpecialPath.ROOT, FileSystemAccess.READ)),
                NetworkPolicy.RESTRICTED);
    }

    /** {@code :workspace}: workspace-write with the temporary directories, no network. */
    static PermissionProfile workspaceWrite() {
        return workspaceWrite(List.of(), NetworkPolicy.RESTRICTED, false, false);
    }

    /**
     * Workspace-write semantics as entries: read everything; write the workspace roots, the temporary
     * directories (unless excluded) and {@code writableRoots}; keep {@code .git}, {@code .agents}, {@code .codex}
     * under each workspace root read-only.
     */
    static PermissionProfile workspaceWrite(List<Path> writableRoots, NetworkPolicy network,
                                            boolean excludeTmpdirEnvVar, boolean excludeSlashTmp) {
        return restricted(Entries.workspaceWrite(writableRoots, excludeTmpdirEnvVar, excludeSlashTmp), network);
    }

    // ------------------------------------------------------------------------------------------------ queries

    /** The entries of a restricted managed profile; empty for every other profile. */
    default List<FileSystemSandboxEntry> entries() {
        return this instanceof Managed(Restricted restricted, NetworkPolicy ignored) ? restricted.entries() : List.of();
    }

    /** The glob scan depth of a restricted managed profile, or null. */
    default Integer globScanMaxDepth() {
        return this instanceof Managed(Restricted restricted, NetworkPolicy ignored)
                ? restricted.globScanMaxDepth() : null;
    }

    /** True for a managed profile with restricted filesystem entries. */
    default boolean isRestricted() {
        return this instanceof Managed(Restricted ignored, NetworkPolicy network);
    }

    /** True when some entry is still symbolic: a {@code project_roots} entry or a project-roots glob. */
    default boolean hasSymbolicEntries() {
        return entries().stream().anyMatch(Entries::isSymbolic);
    }

    // ------------------------------------------------------------------------------------------ transformations

    /**
     * Binds the symbolic workspace-root entries to {@code roots} (spec §3.1 "Materialization"): each
     * {@code project_roots{subpath?}} entry becomes one path entry per root ({@code root} or
     * {@code root/subpath}) with the same access, in root order; each {@code codex-project-roots://} glob becomes
     * one glob per root; every other entry stays, in order. With no roots the symbolic entries disappear.
     */
    default PermissionProfile materialize(List<Path> roots) {
        if (!(this instanceof Managed(Restricted restricted, NetworkPolicy network))) {
            return this;
        }
        return new Managed(new Restricted(Entries.materialize(restricted.entries(), roots),
                restricted.globScanMaxDepth()), network);
    }

    /**
     * Adds concrete entries for a profile's own workspace roots next to the still-symbolic ones (spec §3.2
     * step 2): the materialisation for {@code profileRoots}, minus what is already there, appended.
     */
    default PermissionProfile withProfileRootsBakedIn(List<Path> profileRoots) {
        if (profileRoots.isEmpty() || !(this instanceof Managed(Restricted restricted, NetworkPolicy network))) {
            return this;
        }
        List<FileSystemSandboxEntry> entries = new ArrayList<>(restricted.entries());
        for (FileSystemSandboxEntry entry : Entries.materialize(restricted.entries(), profileRoots)) {
            if (!entries.contains(entry)) {
                entries.add(entry);
            }
        }
        return new Managed(new Restricted(entries, restricted.globScanMaxDepth()), network);
    }

    /**
     * This profile with the deny-read ({@code none}) entries of {@code existing} kept (spec §3.3 step 5): a new
     * allow side never silently lifts a deny. An unrestricted filesystem becomes {@code :root = write} plus the
     * denies; the glob scan depth is inherited when this profile sets none; the enforcement stays.
     */
    default PermissionProfile preservingDenyReadsFrom(PermissionProfile existing) {
        List<FileSystemSandboxEntry> denies = existing.entries().stream()
                .filter(entry -> entry.access() == FileSystemAccess.NONE).toList();
        List<FileSystemSandboxEntry> entries;
        Integer depth;
        NetworkPolicy network = network();
        switch (this) {
            case Managed(Restricted restricted, NetworkPolicy ignored) -> {
                entries = new ArrayList<>(restricted.entries());
                depth = restricted.globScanMaxDepth();
            }
            case Managed(Unrestricted ignored, NetworkPolicy ignoredNetwork) when !denies.isEmpty() -> {
                entries = new ArrayList<>(List.of(FileSystemSandboxEntry.of(SpecialPath.ROOT, FileSystemAccess.WRITE)));
                depth = null;
            }
            case Disabled ignored when !denies.isEmpty() -> {
                entries = new ArrayList<>(List.of(FileSystemSandboxEntry.of(SpecialPath.ROOT, FileSystemAccess.WRITE)));
                depth = null;
            }
            default -> {
                return this;
            }
        }
        if (depth == null) {
            depth = existing.globScanMaxDepth();
        }
        for (FileSystemSandboxEntry deny : denies) {
            if (!entries.contains(deny)) {
                entries.add(deny);
            }
        }
        return new Managed(new Restricted(entries, depth), network);
    }
}
