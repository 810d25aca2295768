package dev.turnstile.core.permissions;

import java.nio.file.Path;
import java.util.List;

/**
 * What a thread starts with (spec §3.2, §3.4): its cwd, the runtime roots the client sent (relative ones
 * resolve against the cwd; when given they are the whole list), {@code --add-dir} roots, the profile id it asked
 * for, and what picks the implicit default.
 *
 * @param cwd                      the effective thread cwd (absolute)
 * @param runtimeWorkspaceRoots    {@code runtimeWorkspaceRoots} as sent, or null when not sent
 * @param additionalWritableRoots  {@code --add-dir} roots (absolute, or relative to the cwd)
 * @param permissions              the requested profile id, or null to use the file's {@code default_permissions}
 * @param trust                    the project's trust decision
 * @param windowsWithoutSandbox    Windows with its sandbox disabled (the implicit default is then read-only)
 * @param home                     what {@code ~} expands to
 */
public record ThreadStart(Path cwd, List<String> runtimeWorkspaceRoots, List<Path> additionalWritableRoots,
                          String permissions, ProjectTrust trust, boolean windowsWithoutSandbox, Path home) {
    public ThreadStart {
        runtimeWorkspaceRoots = runtimeWorkspaceRoots == null ? null : List.copyOf(runtimeWorkspaceRoots);
        additionalWritableRoots = additionalWritableRoots == null ? List.of() : List.copyOf(additionalWritableRoots);
        trust = trust == null ? ProjectTrust.UNDECIDED : trust;
        home = home == null ? Path.of(System.getProperty("user.home")) : home;
    }

    /** A start in {@code cwd} with nothing else requested (undecided trust). */
    public static ThreadStart in(Path cwd) {
        return new ThreadStart(cwd, null, List.of(), null, ProjectTrust.UNDECIDED, false, null);
    }

    public ThreadStart withRuntimeWorkspaceRoots(List<String> roots) {
        return new ThreadStart(cwd, roots, additionalWritableRoots, permissions, trust, windowsWithoutSandbox, home);
    }

    public ThreadStart withAdditionalWritableRoots(List<Path> roots) {
        return new ThreadStart(cwd, runtimeWorkspaceRoots, roots, permissions, trust, windowsWithoutSandbox, home);
    }

    public ThreadStart withPermissions(String profileId) {
        return new ThreadStart(cwd, runtimeWorkspaceRoots, additionalWritableRoots, profileId, trust,
                windowsWithoutSandbox, home);
    }

    public ThreadStart withTrust(ProjectTrust projectTrust) {
        return new ThreadStart(cwd, runtimeWorkspaceRoots, additionalWritableRoots, permissions, projectTrust,
                windowsWithoutSandbox, home);
    }

    public ThreadStart withHome(Path homeDirectory) {
        return new ThreadStart(cwd, runtimeWorkspaceRoots, additionalWritableRoots, permissions, trust,
                windowsWithoutSandbox, homeDirectory);
    }
}
