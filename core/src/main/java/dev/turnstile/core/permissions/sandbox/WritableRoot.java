package dev.turnstile.core.permissions.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * A directory a sandboxed command may write, in its real form, with the paths below it that stay read-only:
 * protected metadata that exists ({@code .git}, also a worktree's gitdir, {@code .agents}, {@code .codex}; the
 * cwd's {@code .codex} even before it exists) and narrower non-write entries. Each carve-out is listed as
 * written and, when a symlink makes it differ, also in its real form. Whatever exists or not, the top-level
 * {@code .git}, {@code .agents} and {@code .codex} of a writable root are never writable through it
 * ({@link SandboxPlan#isWritable}).
 */
public record WritableRoot(Path root, List<Path> readOnlySubpaths) {
    public WritableRoot {
        readOnlySubpaths = List.copyOf(readOnlySubpaths);
    }
}
