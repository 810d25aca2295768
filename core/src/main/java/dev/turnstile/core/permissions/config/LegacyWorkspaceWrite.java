package dev.turnstile.core.permissions.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The legacy {@code [sandbox_workspace_write]} table: extra writable roots and the knobs of the
 * {@code workspace-write} sandbox. Used only when no profile is selected by name (spec §3.2).
 */
public record LegacyWorkspaceWrite(List<Path> writableRoots, boolean networkAccess, boolean excludeTmpdirEnvVar,
                                   boolean excludeSlashTmp) {
    public LegacyWorkspaceWrite {
        writableRoots = List.copyOf(writableRoots);
    }
}
