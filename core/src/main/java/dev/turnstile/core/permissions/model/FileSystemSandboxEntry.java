package dev.turnstile.core.permissions.model;

import java.nio.file.Path;

/** One filesystem rule of a restricted profile: a location and the access it gets. */
public record FileSystemSandboxEntry(FileSystemPath path, FileSystemAccess access) {
    public FileSystemSandboxEntry {
        if (path == null || access == null) {
            throw new PermissionException("a filesystem entry needs a path and an access");
        }
    }

    public static FileSystemSandboxEntry of(Path path, FileSystemAccess access) {
        return new FileSystemSandboxEntry(FileSystemPath.of(path), access);
    }

    public static FileSystemSandboxEntry of(SpecialPath special, FileSystemAccess access) {
        return new FileSystemSandboxEntry(FileSystemPath.of(special), access);
    }

    public static FileSystemSandboxEntry glob(String pattern, FileSystemAccess access) {
        return new FileSystemSandboxEntry(FileSystemPath.glob(pattern), access);
    }
}
