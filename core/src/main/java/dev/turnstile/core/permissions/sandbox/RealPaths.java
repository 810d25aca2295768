package dev.turnstile.core.permissions.sandbox;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a path really leads: the longest existing prefix with its symlinks resolved, followed by the rest as
 * written. Paths that do not exist yet keep their lexical tail (a component that does not exist cannot be a
 * symlink). {@code ..} components are resolved the way the operating system does: after the link they follow.
 */
public final class RealPaths {
    private static final int MAX_PASSES = 8;

    private RealPaths() {
    }

    /** The real form of an absolute path. */
    public static Path of(Path path) {
        Path current = path.toAbsolutePath();
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            Path next = onePass(current);
            if (next.equals(current)) {
                return next;
            }
            current = next;
        }
        return current;
    }

    private static Path onePass(Path path) {
        for (Path ancestor = path; ancestor != null; ancestor = ancestor.getParent()) {
            Path real;
            try {
                real = ancestor.toRealPath();
            } catch (IOException | SecurityException missing) {
                continue;
            }
            Path rest = ancestor.relativize(path);
            return rest.toString().isEmpty() ? real : real.resolve(rest).normalize();
        }
        return path.normalize();
    }
}
