package dev.turnstile.core.permissions.model;

import java.nio.file.Path;

/** What a filesystem entry names: an absolute path, a glob pattern, or a {@link SpecialPath} token. */
public sealed interface FileSystemPath permits FileSystemPath.Exact, FileSystemPath.Glob, FileSystemPath.Special {

    /** Glob patterns with this prefix are relative to each workspace root and are materialised per root. */
    String PROJECT_ROOTS_GLOB_PREFIX = "codex-project-roots://";

    static FileSystemPath of(Path path) {
        return new Exact(path);
    }

    static FileSystemPath of(SpecialPath special) {
        return new Special(special);
    }

    static FileSystemPath glob(String pattern) {
        return new Glob(pattern);
    }

    /** A glob pattern below every workspace root: {@code codex-project-roots://<subpath>}. */
    static FileSystemPath projectRootsGlob(String subpattern) {
        return new Glob(PROJECT_ROOTS_GLOB_PREFIX + subpattern);
    }

    /** Wire {@code {"type":"path","path":"/abs"}}; the path is absolute and lexically normalised. */
    record Exact(Path path) implements FileSystemPath {
        public Exact {
            path = PathRules.absoluteLexical(path, "filesystem path");
        }
    }

    /** Wire {@code {"type":"glob_pattern","pattern":"…"}}; only {@code none} (deny-read) globs are enforced. */
    record Glob(String pattern) implements FileSystemPath {
        public Glob {
            if (pattern == null || pattern.isEmpty()) {
                throw new PermissionException("glob pattern must not be empty");
            }
        }

        /** The subpattern after {@link #PROJECT_ROOTS_GLOB_PREFIX}, or null for an ordinary pattern. */
        public String projectRootsSubpattern() {
            return pattern.startsWith(PROJECT_ROOTS_GLOB_PREFIX)
                    ? pattern.substring(PROJECT_ROOTS_GLOB_PREFIX.length()) : null;
        }
    }

    /** Wire {@code {"type":"special","value":{"kind":…}}}. */
    record Special(SpecialPath value) implements FileSystemPath {
        public Special {
            if (value == null) {
                throw new PermissionException("special path needs a value");
            }
        }
    }
}
