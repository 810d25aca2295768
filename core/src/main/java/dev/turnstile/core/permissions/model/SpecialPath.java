package dev.turnstile.core.permissions.model;

import java.nio.file.Path;

/**
 * A filesystem location named by a token rather than a path: the filesystem root, the platform's minimal
 * readable set, the workspace roots (optionally a subpath below each), the temporary directories, or a token
 * this version does not know (kept so that newer configuration degrades to a warning, never a rejection).
 */
public sealed interface SpecialPath permits SpecialPath.Root, SpecialPath.Minimal, SpecialPath.ProjectRoots,
        SpecialPath.Tmpdir, SpecialPath.SlashTmp, SpecialPath.Unknown {

    /** The wire {@code kind}. */
    String kind();

    SpecialPath ROOT = new Root();
    SpecialPath MINIMAL = new Minimal();
    SpecialPath TMPDIR = new Tmpdir();
    SpecialPath SLASH_TMP = new SlashTmp();

    static ProjectRoots projectRoots() {
        return new ProjectRoots(null);
    }

    static ProjectRoots projectRoots(String subpath) {
        return new ProjectRoots(Path.of(subpath));
    }

    /** {@code /} (the root of the cwd's filesystem). */
    record Root() implements SpecialPath {
        @Override
        public String kind() {
            return "root";
        }
    }

    /** The platform-default readable paths a shell needs. */
    record Minimal() implements SpecialPath {
        @Override
        public String kind() {
            return "minimal";
        }
    }

    /**
     * Every workspace root of the thread ({@code :workspace_roots} in configuration), or {@code root/subpath}
     * for each. Stays symbolic in a stored profile; {@link PermissionProfile#materialize} replaces it.
     *
     * @param subpath relative, without {@code ..}; null for the roots themselves
     */
    record ProjectRoots(Path subpath) implements SpecialPath {
        public ProjectRoots {
            if (subpath != null) {
                subpath = PathRules.descendantSubpath(subpath, "project-roots subpath");
            }
        }

        @Override
        public String kind() {
            return "project_roots";
        }

        /** This entry's location under {@code root}. */
        public Path under(Path root) {
            return subpath == null ? root : root.resolve(subpath).normalize();
        }
    }

    /** {@code $TMPDIR}. */
    record Tmpdir() implements SpecialPath {
        @Override
        public String kind() {
            return "tmpdir";
        }
    }

    /** {@code /tmp}, when it is a directory. */
    record SlashTmp() implements SpecialPath {
        @Override
        public String kind() {
            return "slash_tmp";
        }
    }

    /**
     * A token this version does not recognise (for example {@code :future_path}); ignored when realised.
     *
     * @param path    the token as written
     * @param subpath a nested entry below it, or null
     */
    record Unknown(String path, Path subpath) implements SpecialPath {
        public Unknown {
            if (path == null) {
                throw new PermissionException("unknown special path needs its token");
            }
        }

        @Override
        public String kind() {
            return "unknown";
        }
    }
}
