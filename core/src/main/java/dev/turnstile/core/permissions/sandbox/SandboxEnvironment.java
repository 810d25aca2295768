package dev.turnstile.core.permissions.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the host contributes to realisation: the {@code $TMPDIR} a {@code :tmpdir} entry names and whether
 * {@code /tmp} exists (a {@code slash_tmp} entry names nothing otherwise). Passed in, so that realisation is
 * reproducible in tests and replays.
 *
 * @param tmpdir          {@code $TMPDIR} as an absolute path, or null when unset, empty or relative
 * @param slashTmpIsDirectory whether {@code /tmp} is a directory
 */
public record SandboxEnvironment(Path tmpdir, boolean slashTmpIsDirectory) {
    public SandboxEnvironment {
        if (tmpdir != null && !tmpdir.isAbsolute()) {
            tmpdir = null;
        }
        tmpdir = tmpdir == null ? null : tmpdir.normalize();
    }

    /** No temporary directories at all. */
    public static SandboxEnvironment none() {
        return new SandboxEnvironment(null, false);
    }

    /** This process's {@code $TMPDIR} and {@code /tmp}. */
    public static SandboxEnvironment system() {
        String tmpdir = System.getenv("TMPDIR");
        Path path = null;
        if (tmpdir != null && !tmpdir.isEmpty()) {
            try {
                path = Path.of(tmpdir);
            } catch (RuntimeException invalid) {
                path = null;
            }
        }
        return new SandboxEnvironment(path, Files.isDirectory(Path.of("/tmp")));
    }
}
