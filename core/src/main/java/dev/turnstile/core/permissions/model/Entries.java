package dev.turnstile.core.permissions.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Operations on lists of filesystem entries. */
public final class Entries {
    /** Top-level names under a writable root that stay read-only unless granted explicitly. */
    public static final List<String> PROTECTED_METADATA_NAMES = List.of(".git", ".agents", ".codex");

    private Entries() {
    }

    static boolean isSymbolic(FileSystemSandboxEntry entry) {
        return switch (entry.path()) {
            case FileSystemPath.Special(SpecialPath.ProjectRoots ignored) -> true;
            case FileSystemPath.Glob glob -> glob.projectRootsSubpattern() != null;
            default -> false;
        };
    }

    /** See {@link PermissionProfile#materialize}. */
    public static List<FileSystemSandboxEntry> materialize(List<FileSystemSandboxEntry> entries, List<Path> roots) {
        List<FileSystemSandboxEntry> out = new ArrayList<>(entries.size() + roots.size());
        for (FileSystemSandboxEntry entry : entries) {
            switch (entry.path()) {
                case FileSystemPath.Special(SpecialPath.ProjectRoots projectRoots) -> {
                    for (Path root : roots) {
                        out.add(FileSystemSandboxEntry.of(projectRoots.under(root), entry.access()));
                    }
                }
                case FileSystemPath.Glob glob when glob.projectRootsSubpattern() != null -> {
                    for (Path root : roots) {
                        out.add(FileSystemSandboxEntry.glob(root.resolve(glob.projectRootsSubpattern()).normalize()
                                .toString(), entry.access()));
                    }
                }
                default -> out.add(entry);
            }
        }
        return out;
    }

    /** The entries of {@link PermissionProfile#workspaceWrite(List, NetworkPolicy, boolean, boolean)}. */
    static List<FileSystemSandboxEntry> workspaceWrite(List<Path> writableRoots, boolean excludeTmpdirEnvVar,
                                                       boolean excludeSlashTmp) {
        List<FileSystemSandboxEntry> entries = new ArrayList<>();
        entries.add(FileSystemSandboxEntry.of(SpecialPath.ROOT, FileSystemAccess.READ));
        entries.add(FileSystemSandboxEntry.of(SpecialPath.projectRoots(), FileSystemAccess.WRITE));
        if (!excludeSlashTmp) {
            entries.add(FileSystemSandboxEntry.of(SpecialPath.SLASH_TMP, FileSystemAccess.WRITE));
        }
        if (!excludeTmpdirEnvVar) {
            entries.add(FileSystemSandboxEntry.of(SpecialPath.TMPDIR, FileSystemAccess.WRITE));
        }
        for (Path root : writableRoots) {
            entries.add(FileSystemSandboxEntry.of(root, FileSystemAccess.WRITE));
        }
        for (String name : PROTECTED_METADATA_NAMES) {
            appendReadIfNoRuleFor(entries, FileSystemPath.of(SpecialPath.projectRoots(name)));
        }
        for (Path root : writableRoots) {
            appendProtectedMetadata(entries, root);
        }
        return entries;
    }

    /** Appends a read entry for each protected metadata name under {@code root} that has no rule yet. */
    public static void appendProtectedMetadata(List<FileSystemSandboxEntry> entries, Path root) {
        for (String name : PROTECTED_METADATA_NAMES) {
            appendReadIfNoRuleFor(entries, FileSystemPath.of(root.resolve(name)));
        }
    }

    private static void appendReadIfNoRuleFor(List<FileSystemSandboxEntry> entries, FileSystemPath path) {
        for (FileSystemSandboxEntry entry : entries) {
            if (shareTarget(entry.path(), path)) {
                return;
            }
        }
        entries.add(new FileSystemSandboxEntry(path, FileSystemAccess.READ));
    }

    /**
     * True when two entries name the same location before any prefix matching: equal paths, equal tokens, or a
     * cwd-independent token ({@code :root}, {@code /tmp}) and the path it stands for.
     */
    public static boolean shareTarget(FileSystemPath left, FileSystemPath right) {
        if (left.equals(right)) {
            return true;
        }
        if (left instanceof FileSystemPath.Exact(Path path) && right instanceof FileSystemPath.Special(SpecialPath s)) {
            return tokenIsPath(s, path);
        }
        if (right instanceof FileSystemPath.Exact(Path path) && left instanceof FileSystemPath.Special(SpecialPath s)) {
            return tokenIsPath(s, path);
        }
        return false;
    }

    private static boolean tokenIsPath(SpecialPath special, Path path) {
        return switch (special) {
            case SpecialPath.Root ignored -> path.getParent() == null;
            case SpecialPath.SlashTmp ignored -> path.equals(Path.of("/tmp"));
            default -> false;
        };
    }
}
