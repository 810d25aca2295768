package dev.turnstile.core.permissions;

import dev.turnstile.core.permissions.model.PathRules;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.sandbox.RealPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Validation and resolution of workspace roots. A root is absolute and normalised ({@code E/.} is {@code E});
 * a {@code ..} component is rejected. A root given relative to a base (a runtime root sent to thread start, a
 * relative {@code workspace_roots} key of a profile) must stay inside that base, lexically and once symlinks are
 * followed. A root given as an absolute path (or {@code ~/…}) names its own directory; its symlinks are followed
 * when the sandbox is realised.
 */
public final class WorkspaceRoots {
    private WorkspaceRoots() {
    }

    /**
     * Absolute roots as a thread keeps them: each checked with {@link PathRules#normalisedAbsolute}, duplicates
     * (after normalisation) dropped, first occurrence kept.
     */
    public static List<Path> absolute(List<Path> roots) {
        LinkedHashSet<Path> unique = new LinkedHashSet<>();
        for (Path root : roots) {
            if (root == null) {
                throw new PermissionException("a workspace root must not be null");
            }
            unique.add(PathRules.normalisedAbsolute(root, "workspace root"));
        }
        return List.copyOf(unique);
    }

    /** {@link #resolve(Path, Path)} for each, duplicates dropped (first kept). */
    public static List<Path> resolveAll(List<Path> roots, Path base) {
        LinkedHashSet<Path> unique = new LinkedHashSet<>();
        for (Path root : roots) {
            unique.add(resolve(root, base));
        }
        return List.copyOf(unique);
    }

    /**
     * A root resolved against {@code base} (absolute, normalised).
     *
     * @throws PermissionException when the root is empty, has a {@code ..} component, or (relative roots only)
     *                             leads outside {@code base} through a symlink
     */
    public static Path resolve(Path root, Path base) {
        if (root.toString().isEmpty()) {
            throw new PermissionException("a workspace root must not be empty");
        }
        if (PathRules.hasParentComponent(root)) {
            throw new PermissionException("workspace root `" + root + "` escapes through `..`; give it without `..`"
                    + " components");
        }
        if (root.isAbsolute()) {
            return root.normalize();
        }
        Path resolved = base.resolve(root).normalize();
        requireInside(resolved, base, "workspace root `" + root + "`");
        return resolved;
    }

    /** Strings resolved like {@link #resolve}; {@code ~} and {@code ~/…} expand against {@code home}. */
    public static List<Path> resolveAllStrings(List<String> roots, Path base, Path home) {
        List<Path> paths = new ArrayList<>(roots.size());
        for (String root : roots) {
            if (root == null || root.isEmpty()) {
                throw new PermissionException("a workspace root must not be empty");
            }
            paths.add(PathRules.expandHome(root, home));
        }
        return resolveAll(paths, base);
    }

    /**
     * Checks that {@code path}, once symlinks are followed, is still below {@code base} followed likewise.
     *
     * @param what how the message names the path
     */
    public static void requireInside(Path path, Path base, String what) {
        Path realBase = RealPaths.of(base);
        Path real = RealPaths.of(path);
        if (!real.startsWith(realBase)) {
            throw new PermissionException(what + " escapes `" + base + "` through a symlink: `" + path
                    + "` leads to `" + real + "`");
        }
    }

    /** Runtime roots followed by profile roots, without duplicates (upstream {@code effective_workspace_roots}). */
    public static List<Path> effective(List<Path> runtimeRoots, List<Path> profileRoots) {
        LinkedHashSet<Path> all = new LinkedHashSet<>(runtimeRoots);
        all.addAll(profileRoots);
        return List.copyOf(all);
    }
}
