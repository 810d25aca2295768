package dev.turnstile.core.permissions.model;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Lexical path rules shared by the permission model: {@code ~} expansion, absolute-path checks and the
 * "descendant subpath" rule for paths below a workspace root. Nothing here touches the filesystem.
 */
public final class PathRules {
    private PathRules() {
    }

    /** {@code ~} and {@code ~/…} expand against {@code home}; anything else is taken as written. */
    public static Path expandHome(String raw, Path home) {
        if (raw.equals("~")) {
            return home;
        }
        if (raw.startsWith("~/")) {
            return home.resolve(raw.substring(2));
        }
        return parse(raw, raw);
    }

    /** {@code Path.of(raw)} with an invalid path reported as a {@link PermissionException} naming {@code what}. */
    public static Path parse(String raw, String what) {
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw new PermissionException("`" + what + "` is not a valid path: " + e.getReason());
        }
    }

    /** True when a component of {@code path} is {@code ..}. */
    public static boolean hasParentComponent(Path path) {
        for (Path name : path) {
            if (name.toString().equals("..")) {
                return true;
            }
        }
        return false;
    }

    /**
     * An absolute path in normal form, {@code .} components and redundant separators collapsed
     * ({@code /w/e/.} is {@code /w/e}).
     *
     * @throws PermissionException when the path is relative or has a {@code ..} component: a parent step means
     *                             one thing lexically and another once a symlink is crossed, and it can leave the
     *                             directory its prefix names
     */
    public static Path normalisedAbsolute(Path path, String what) {
        if (!path.isAbsolute()) {
            throw new PermissionException(what + " `" + path + "` must be an absolute path");
        }
        if (hasParentComponent(path)) {
            throw new PermissionException(what + " `" + path + "` escapes through `..`; give it without `..` components");
        }
        return path.normalize();
    }

    /** An absolute path, lexically normalised ({@code .} and {@code ..} resolved as written), as wire paths are. */
    public static Path absoluteLexical(Path path, String what) {
        if (!path.isAbsolute()) {
            throw new PermissionException(what + " `" + path + "` must be an absolute path");
        }
        return path.normalize();
    }

    /**
     * A subpath below a workspace root: relative, and without {@code ..}; {@code .} components are dropped.
     * Returns null when nothing is left (the root itself).
     */
    public static Path descendantSubpath(Path subpath, String what) {
        if (subpath.isAbsolute()) {
            throw new PermissionException(what + " `" + subpath + "` must be relative to the workspace root");
        }
        if (hasParentComponent(subpath)) {
            throw new PermissionException(what + " `" + subpath + "` escapes the workspace root through `..`");
        }
        Path normal = subpath.normalize();
        return normal.toString().isEmpty() ? null : normal;
    }

    /** True when {@code path} lies at or below {@code base} (both absolute and normalised). */
    public static boolean isWithin(Path path, Path base) {
        return path.startsWith(base);
    }
}
