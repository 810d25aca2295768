package dev.turnstile.core.permissions.sandbox;

import dev.turnstile.core.permissions.model.Enforcement;
import dev.turnstile.core.permissions.model.Entries;
import dev.turnstile.core.permissions.model.FileSystemAccess;
import dev.turnstile.core.permissions.model.FileSystemPath;
import dev.turnstile.core.permissions.model.FileSystemSandboxEntry;
import dev.turnstile.core.permissions.model.PathRules;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.permissions.model.SpecialPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Realisation: from an effective profile and a cwd to the concrete {@link SandboxPlan} of a turn.
 *
 * <p>Rules (upstream {@code FileSystemSandboxPolicy}): entries resolve to absolute paths ({@code :root} is
 * {@code /}, a left-over {@code project_roots} entry is the cwd, {@code :tmpdir} and {@code slash_tmp} come from
 * the {@link SandboxEnvironment}, {@code :minimal} and unknown tokens name no path). The access of a path is that
 * of the most specific entry containing it, ties broken {@code none} over {@code write} over {@code read};
 * nothing matching means no access. A write entry whose own path resolves to write is a writable root; the
 * non-write entries below it are its carve-outs.
 */
public final class Sandbox {
    private Sandbox() {
    }

    /** An entry resolved to a real absolute path. */
    public record ResolvedEntry(Path path, FileSystemAccess access) {
    }

    /** {@link #realize(PermissionProfile, Path, SandboxEnvironment)} with this host's temporary directories. */
    public static SandboxPlan realize(PermissionProfile profile, Path cwd) {
        return realize(profile, cwd, SandboxEnvironment.system());
    }

    /**
     * The sandbox for {@code profile} (already materialised with the thread's runtime roots) and {@code cwd}.
     *
     * @throws PermissionException when the cwd is not absolute and normalised
     */
    public static SandboxPlan realize(PermissionProfile profile, Path cwd, SandboxEnvironment environment) {
        Path turnCwd = PathRules.normalisedAbsolute(cwd, "cwd");
        boolean network = profile.network().isEnabled();
        if (!(profile instanceof PermissionProfile.Managed managed)
                || managed.fileSystem() instanceof PermissionProfile.Unrestricted) {
            return new SandboxPlan(profile.enforcement(), turnCwd, true, true, false, List.of(), List.of(),
                    List.of(), List.of(), network, List.of());
        }
        List<FileSystemSandboxEntry> entries = profile.entries();
        List<ResolvedEntry> resolved = resolve(entries, turnCwd, environment);

        boolean fullDiskWrite = hasFullDiskWriteAccess(entries);
        boolean hasDenies = entries.stream().anyMatch(entry -> entry.access() == FileSystemAccess.NONE);
        boolean fullDiskRead = (hasRootAccess(entries, FileSystemAccess.READ)
                || hasRootAccess(entries, FileSystemAccess.WRITE)) && !hasDenies;
        boolean platformDefaults = !fullDiskRead && entries.stream().anyMatch(entry ->
                entry.path().equals(FileSystemPath.of(SpecialPath.MINIMAL)) && entry.access().canRead());

        List<WritableRoot> writableRoots = fullDiskWrite ? List.of()
                : writableRoots(entries, resolved, turnCwd, environment);

        List<Path> readable = new ArrayList<>();
        if (!fullDiskRead) {
            Set<Path> seen = new LinkedHashSet<>();
            for (ResolvedEntry entry : resolved) {
                if (entry.access().canRead() && accessAt(resolved, entry.path()).canRead() && seen.add(entry.path())) {
                    readable.add(entry.path());
                }
            }
        }
        Set<Path> denied = new LinkedHashSet<>();
        for (ResolvedEntry entry : resolved) {
            if (entry.access() == FileSystemAccess.NONE && !accessAt(resolved, entry.path()).canRead()
                    && entry.path().getParent() != null) {
                denied.add(entry.path());
            }
        }
        Set<String> deniedGlobs = new LinkedHashSet<>();
        for (FileSystemSandboxEntry entry : entries) {
            if (entry.access() == FileSystemAccess.NONE && entry.path() instanceof FileSystemPath.Glob glob) {
                String pattern = glob.pattern();
                deniedGlobs.add(Path.of(pattern).isAbsolute() ? pattern : turnCwd.resolve(pattern).toString());
            }
        }
        return new SandboxPlan(Enforcement.MANAGED, turnCwd, fullDiskRead, fullDiskWrite, platformDefaults,
                writableRoots, readable, List.copyOf(denied), deniedGlobs.stream().sorted().toList(), network,
                resolved);
    }

    /** The access of {@code path} (real, absolute) under the resolved entries. */
    static FileSystemAccess accessAt(List<ResolvedEntry> resolved, Path path) {
        ResolvedEntry best = null;
        for (ResolvedEntry entry : resolved) {
            if (!path.startsWith(entry.path())) {
                continue;
            }
            if (best == null || specificity(entry) > specificity(best)
                    || (specificity(entry) == specificity(best) && entry.access().compareTo(best.access()) > 0)) {
                best = entry;
            }
        }
        return best == null ? FileSystemAccess.NONE : best.access();
    }

    private static int specificity(ResolvedEntry entry) {
        return entry.path().getNameCount() + (entry.path().getRoot() != null ? 1 : 0);
    }

    private static List<ResolvedEntry> resolve(List<FileSystemSandboxEntry> entries, Path cwd,
                                               SandboxEnvironment environment) {
        List<ResolvedEntry> resolved = new ArrayList<>(entries.size());
        for (FileSystemSandboxEntry entry : entries) {
            Path path = switch (entry.path()) {
                case FileSystemPath.Exact exact -> exact.path();
                case FileSystemPath.Glob ignored -> null;
                case FileSystemPath.Special special -> switch (special.value()) {
                    case SpecialPath.Root ignored -> cwd.getRoot();
                    case SpecialPath.ProjectRoots roots -> roots.under(cwd);
                    case SpecialPath.Tmpdir ignored -> environment.tmpdir();
                    case SpecialPath.SlashTmp ignored -> environment.slashTmpIsDirectory() ? Path.of("/tmp") : null;
                    case SpecialPath.Minimal ignored -> null;
                    case SpecialPath.Unknown ignored -> null;
                };
            };
            if (path != null) {
                resolved.add(new ResolvedEntry(RealPaths.of(path), entry.access()));
            }
        }
        return resolved;
    }

    /** {@code :root = write} with no entry that really narrows it: every path is writable. */
    public static boolean hasFullDiskWriteAccess(List<FileSystemSandboxEntry> entries) {
        return hasRootAccess(entries, FileSystemAccess.WRITE) && !hasWriteNarrowingEntries(entries);
    }

    private static boolean hasRootAccess(List<FileSystemSandboxEntry> entries, FileSystemAccess access) {
        return entries.stream().anyMatch(entry -> entry.access() == access
                && entry.path().equals(FileSystemPath.of(SpecialPath.ROOT)));
    }

    /** True when some entry really narrows a {@code :root = write} grant (a same-target write does not count). */
    private static boolean hasWriteNarrowingEntries(List<FileSystemSandboxEntry> entries) {
        for (FileSystemSandboxEntry entry : entries) {
            if (entry.access().canWrite()) {
                continue;
            }
            boolean narrows = switch (entry.path()) {
                case FileSystemPath.Glob ignored -> true;
                case FileSystemPath.Special(SpecialPath.Root ignored) -> entry.access() == FileSystemAccess.NONE;
                case FileSystemPath.Special(SpecialPath.Minimal ignored) -> false;
                case FileSystemPath.Special(SpecialPath.Unknown ignored) -> false;
                default -> !hasSameTargetWriteOverride(entries, entry);
            };
            if (narrows) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSameTargetWriteOverride(List<FileSystemSandboxEntry> entries,
                                                      FileSystemSandboxEntry entry) {
        return entries.stream().anyMatch(candidate -> candidate.access().canWrite()
                && candidate.access().compareTo(entry.access()) > 0
                && Entries.shareTarget(candidate.path(), entry.path()));
    }

    private static List<WritableRoot> writableRoots(List<FileSystemSandboxEntry> entries, List<ResolvedEntry> resolved,
                                                    Path cwd, SandboxEnvironment environment) {
        Set<Path> roots = new LinkedHashSet<>();
        for (ResolvedEntry entry : resolved) {
            if (entry.access().canWrite() && accessAt(resolved, entry.path()).canWrite()) {
                roots.add(entry.path());
            }
        }
        // Raw (as written) forms of carve-outs, so a sandbox can mask a symlink itself, not only its target.
        List<Path> rawNonWrite = new ArrayList<>();
        for (FileSystemSandboxEntry entry : entries) {
            if (!entry.access().canWrite() && entry.path() instanceof FileSystemPath.Exact exact) {
                rawNonWrite.add(exact.path());
            }
        }
        Path realCwd = RealPaths.of(cwd);
        List<WritableRoot> out = new ArrayList<>(roots.size());
        for (Path root : roots) {
            Set<Path> carveOuts = new LinkedHashSet<>(protectedMetadata(root, root.equals(realCwd)));
            for (ResolvedEntry entry : resolved) {
                if (!entry.access().canWrite() && !accessAt(resolved, entry.path()).canWrite()
                        && !entry.path().equals(root) && entry.path().startsWith(root)) {
                    carveOuts.add(entry.path());
                }
            }
            for (Path raw : rawNonWrite) {
                Path real = RealPaths.of(raw);
                if (!raw.equals(real) && carveOuts.contains(real) && raw.startsWith(root)) {
                    carveOuts.add(raw);
                }
            }
            out.add(new WritableRoot(root, List.copyOf(carveOuts)));
        }
        return out;
    }

    /**
     * The metadata under a writable root that exists ({@code .git} as a directory or a worktree's pointer file,
     * with the gitdir it points to; {@code .agents} and {@code .codex} directories), and the cwd's {@code .codex}
     * even before it exists.
     */
    private static List<Path> protectedMetadata(Path root, boolean isCwd) {
        List<Path> paths = new ArrayList<>();
        Path git = root.resolve(".git");
        if (Files.isRegularFile(git)) {
            Path gitdir = gitdirOf(git);
            if (gitdir != null) {
                paths.add(gitdir);
            }
            paths.add(git);
        } else if (Files.isDirectory(git)) {
            paths.add(git);
        }
        Path agents = root.resolve(".agents");
        if (Files.isDirectory(agents)) {
            paths.add(agents);
        }
        Path codex = root.resolve(".codex");
        if (isCwd || Files.isDirectory(codex)) {
            paths.add(codex);
        }
        return paths;
    }

    private static Path gitdirOf(Path dotGit) {
        try {
            String content = Files.readString(dotGit).trim();
            int colon = content.indexOf(':');
            if (colon < 0 || !content.substring(0, colon).trim().equals("gitdir")) {
                return null;
            }
            String target = content.substring(colon + 1).trim();
            if (target.isEmpty()) {
                return null;
            }
            Path gitdir = dotGit.getParent().resolve(target).normalize();
            return Files.exists(gitdir) ? RealPaths.of(gitdir) : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
