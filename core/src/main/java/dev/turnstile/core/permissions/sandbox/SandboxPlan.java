package dev.turnstile.core.permissions.sandbox;

import dev.turnstile.core.permissions.model.Enforcement;
import dev.turnstile.core.permissions.model.Entries;
import dev.turnstile.core.permissions.model.FileSystemAccess;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * The concrete sandbox of one turn (spec §3.1 "effective permissions", §1.7): what a command may write, read
 * and reach, resolved from an effective (materialised) profile for a cwd. Built by {@link Sandbox#realize}.
 *
 * <p>Paths are compared in their real form ({@link RealPaths}): a path is writable only when where it really
 * leads lies under a writable root, outside that root's read-only carve-outs and protected metadata. So a
 * symlink inside a writable root that points elsewhere does not make its target writable.
 *
 * @param enforcement     who enforces it: {@code DISABLED} and {@code EXTERNAL} put no Codex sandbox around the
 *                        filesystem
 * @param cwd             the turn's working directory (relative paths are resolved against it)
 * @param fullDiskRead    every path is readable
 * @param fullDiskWrite   every path is writable (no write restriction at all)
 * @param includePlatformDefaults the platform's minimal readable set ({@code :minimal}) is readable
 * @param writableRoots   the writable roots with their carve-outs; empty when {@code fullDiskWrite}
 * @param readableRoots   the readable roots; empty when {@code fullDiskRead}
 * @param deniedPaths     paths (and everything below) that must not be read
 * @param deniedGlobs     absolute glob patterns of paths that must not be read
 * @param networkEnabled  whether outbound network is allowed
 */
public record SandboxPlan(
        Enforcement enforcement,
        Path cwd,
        boolean fullDiskRead,
        boolean fullDiskWrite,
        boolean includePlatformDefaults,
        List<WritableRoot> writableRoots,
        List<Path> readableRoots,
        List<Path> deniedPaths,
        List<String> deniedGlobs,
        boolean networkEnabled,
        List<Sandbox.ResolvedEntry> resolvedEntries) {

    public SandboxPlan {
        writableRoots = List.copyOf(writableRoots);
        readableRoots = List.copyOf(readableRoots);
        deniedPaths = List.copyOf(deniedPaths);
        deniedGlobs = List.copyOf(deniedGlobs);
        resolvedEntries = List.copyOf(resolvedEntries);
    }

    /** The writable roots alone, in order. */
    public List<Path> writableRootPaths() {
        return writableRoots.stream().map(WritableRoot::root).toList();
    }

    /**
     * Whether a command of this turn may write {@code path} (relative paths resolve against the cwd): where it
     * really leads must lie under a writable root, outside that root's carve-outs, and outside the top-level
     * {@code .git}, {@code .agents} and {@code .codex} of every writable root, nested roots included, unless a
     * writable root of its own is granted at or inside that metadata.
     */
    public boolean isWritable(Path path) {
        if (fullDiskWrite) {
            return true;
        }
        Path real = RealPaths.of(absolute(path));
        if (isProtectedMetadata(real)) {
            return false;
        }
        for (WritableRoot root : writableRoots) {
            if (real.startsWith(root.root()) && root.readOnlySubpaths().stream().noneMatch(real::startsWith)) {
                return true;
            }
        }
        return false;
    }

    private boolean isProtectedMetadata(Path real) {
        for (WritableRoot root : writableRoots) {
            for (String name : Entries.PROTECTED_METADATA_NAMES) {
                Path metadata = root.root().resolve(name);
                if (real.startsWith(metadata) && writableRoots.stream().noneMatch(granted ->
                        granted.root().startsWith(metadata) && real.startsWith(granted.root()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a command of this turn may read {@code path}. */
    public boolean isReadable(Path path) {
        Path absolute = absolute(path);
        Path real = RealPaths.of(absolute);
        if (!deniedGlobs.isEmpty()) {
            for (String glob : deniedGlobs) {
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
                if (matcher.matches(absolute.normalize()) || matcher.matches(real)) {
                    return false;
                }
            }
        }
        if (fullDiskRead) {
            return true;
        }
        if (deniedPaths.stream().anyMatch(real::startsWith)) {
            return false;
        }
        FileSystemAccess access = Sandbox.accessAt(resolvedEntries, real);
        return access.canRead();
    }

    private Path absolute(Path path) {
        return path.isAbsolute() ? path : cwd.resolve(path);
    }
}
