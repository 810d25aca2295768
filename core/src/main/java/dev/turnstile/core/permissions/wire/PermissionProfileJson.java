package dev.turnstile.core.permissions.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.permissions.model.FileSystemAccess;
import dev.turnstile.core.permissions.model.FileSystemPath;
import dev.turnstile.core.permissions.model.FileSystemSandboxEntry;
import dev.turnstile.core.permissions.model.NetworkPolicy;
import dev.turnstile.core.permissions.model.PathRules;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.permissions.model.SpecialPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link PermissionProfile} to and from the core wire JSON of spec §3.1 (the protocol keeps a profile as a
 * {@link JsonNode}). Writes the tagged shape only; reads the tagged shape and the legacy untagged one
 * ({@code {"network"?:{"enabled"}, "file_system"?:{"entries"…}|{"read"…,"write"…}}}, a managed restricted
 * profile). Errors name the member: {@code permission_profile.file_system.entries[2].access: …}.
 */
public final class PermissionProfileJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ROOT = "permission_profile";

    private PermissionProfileJson() {
    }

    // ------------------------------------------------------------------------------------------------- writing

    public static ObjectNode toJson(PermissionProfile profile) {
        ObjectNode node = NODES.objectNode();
        switch (profile) {
            case PermissionProfile.Managed managed -> {
                node.put("type", "managed");
                ObjectNode fileSystem = node.putObject("file_system");
                switch (managed.fileSystem()) {
                    case PermissionProfile.Restricted restricted -> {
                        fileSystem.put("type", "restricted");
                        ArrayNode entries = fileSystem.putArray("entries");
                        restricted.entries().forEach(entry -> entries.add(entryToJson(entry)));
                        if (restricted.globScanMaxDepth() != null) {
                            fileSystem.put("glob_scan_max_depth", restricted.globScanMaxDepth());
                        }
                    }
                    case PermissionProfile.Unrestricted ignored -> fileSystem.put("type", "unrestricted");
                }
                node.put("network", managed.network().wireName());
            }
            case PermissionProfile.Disabled ignored -> node.put("type", "disabled");
            case PermissionProfile.External external -> {
                node.put("type", "external");
                node.put("network", external.network().wireName());
            }
        }
        return node;
    }

    public static ObjectNode entryToJson(FileSystemSandboxEntry entry) {
        ObjectNode node = NODES.objectNode();
        ObjectNode path = node.putObject("path");
        switch (entry.path()) {
            case FileSystemPath.Exact exact -> {
                path.put("type", "path");
                path.put("path", exact.path().toString());
            }
            case FileSystemPath.Glob glob -> {
                path.put("type", "glob_pattern");
                path.put("pattern", glob.pattern());
            }
            case FileSystemPath.Special special -> {
                path.put("type", "special");
                ObjectNode value = path.putObject("value");
                value.put("kind", special.value().kind());
                switch (special.value()) {
                    case SpecialPath.ProjectRoots roots when roots.subpath() != null ->
                            value.put("subpath", roots.subpath().toString());
                    case SpecialPath.Unknown unknown -> {
                        value.put("path", unknown.path());
                        if (unknown.subpath() != null) {
                            value.put("subpath", unknown.subpath().toString());
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        node.put("access", entry.access().wireName());
        return node;
    }

    // ------------------------------------------------------------------------------------------------- reading

    /**
     * Reads a profile.
     *
     * @throws PermissionException naming the member that is missing or malformed
     */
    public static PermissionProfile fromJson(JsonNode node) {
        requireObject(node, ROOT);
        if (!node.has("type")) {
            return legacy(node);
        }
        String type = text(node.get("type"), ROOT + ".type");
        return switch (type) {
            case "managed" -> new PermissionProfile.Managed(managedFileSystem(required(node, "file_system", ROOT),
                    ROOT + ".file_system"), network(required(node, "network", ROOT), ROOT + ".network"));
            case "disabled" -> PermissionProfile.disabled();
            case "external" -> new PermissionProfile.External(network(required(node, "network", ROOT),
                    ROOT + ".network"));
            default -> throw new PermissionException(ROOT + ".type: unknown profile type `" + type
                    + "`; expected managed, disabled or external");
        };
    }

    private static PermissionProfile.ManagedFileSystem managedFileSystem(JsonNode node, String where) {
        requireObject(node, where);
        String type = text(required(node, "type", where), where + ".type");
        return switch (type) {
            case "restricted" -> new PermissionProfile.Restricted(entries(required(node, "entries", where),
                    where + ".entries"), depth(node.get("glob_scan_max_depth"), where + ".glob_scan_max_depth"));
            case "unrestricted" -> new PermissionProfile.Unrestricted();
            default -> throw new PermissionException(where + ".type: unknown file_system type `" + type
                    + "`; expected restricted or unrestricted");
        };
    }

    /** The pre-tagged shape: only {@code network} and {@code file_system} members are allowed. */
    private static PermissionProfile legacy(JsonNode node) {
        onlyMembers(node, Set.of("network", "file_system"), ROOT);
        NetworkPolicy network = NetworkPolicy.RESTRICTED;
        JsonNode networkNode = node.get("network");
        if (networkNode != null && !networkNode.isNull()) {
            requireObject(networkNode, ROOT + ".network");
            onlyMembers(networkNode, Set.of("enabled"), ROOT + ".network");
            JsonNode enabled = networkNode.get("enabled");
            if (enabled != null && !enabled.isNull()) {
                network = NetworkPolicy.of(bool(enabled, ROOT + ".network.enabled"));
            }
        }
        List<FileSystemSandboxEntry> entries = List.of();
        Integer depth = null;
        JsonNode fileSystem = node.get("file_system");
        String where = ROOT + ".file_system";
        if (fileSystem != null && !fileSystem.isNull()) {
            requireObject(fileSystem, where);
            if (fileSystem.has("read") || fileSystem.has("write")) {
                onlyMembers(fileSystem, Set.of("read", "write"), where);
                List<FileSystemSandboxEntry> readWrite = new ArrayList<>();
                addRoots(readWrite, fileSystem.get("read"), FileSystemAccess.READ, where + ".read");
                addRoots(readWrite, fileSystem.get("write"), FileSystemAccess.WRITE, where + ".write");
                entries = readWrite;
            } else {
                onlyMembers(fileSystem, Set.of("entries", "glob_scan_max_depth"), where);
                JsonNode entriesNode = fileSystem.get("entries");
                if (entriesNode != null && !entriesNode.isNull()) {
                    entries = entries(entriesNode, where + ".entries");
                }
                depth = depth(fileSystem.get("glob_scan_max_depth"), where + ".glob_scan_max_depth");
            }
        }
        return new PermissionProfile.Managed(new PermissionProfile.Restricted(entries, depth), network);
    }

    private static void addRoots(List<FileSystemSandboxEntry> out, JsonNode roots, FileSystemAccess access,
                                 String where) {
        if (roots == null || roots.isNull()) {
            return;
        }
        if (!roots.isArray()) {
            throw new PermissionException(where + ": expected an array of absolute paths");
        }
        for (int i = 0; i < roots.size(); i++) {
            out.add(FileSystemSandboxEntry.of(absolute(roots.get(i), where + "[" + i + "]"), access));
        }
    }

    private static List<FileSystemSandboxEntry> entries(JsonNode node, String where) {
        if (!node.isArray()) {
            throw new PermissionException(where + ": expected an array of entries");
        }
        List<FileSystemSandboxEntry> entries = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            entries.add(entry(node.get(i), where + "[" + i + "]"));
        }
        return entries;
    }

    /** Reads one {@code {"path":…, "access":…}} entry. */
    public static FileSystemSandboxEntry entry(JsonNode node, String where) {
        requireObject(node, where);
        FileSystemPath path = path(required(node, "path", where), where + ".path");
        String accessText = text(required(node, "access", where), where + ".access");
        FileSystemAccess access = FileSystemAccess.parse(accessText);
        if (access == null) {
            throw new PermissionException(where + ".access: unknown access `" + accessText
                    + "`; expected read, write or none");
        }
        return new FileSystemSandboxEntry(path, access);
    }

    private static FileSystemPath path(JsonNode node, String where) {
        requireObject(node, where);
        String type = text(required(node, "type", where), where + ".type");
        return switch (type) {
            case "path" -> FileSystemPath.of(absolute(required(node, "path", where), where + ".path"));
            case "glob_pattern" -> FileSystemPath.glob(text(required(node, "pattern", where), where + ".pattern"));
            case "special" -> FileSystemPath.of(special(required(node, "value", where), where + ".value"));
            default -> throw new PermissionException(where + ".type: unknown path type `" + type
                    + "`; expected path, glob_pattern or special");
        };
    }

    private static SpecialPath special(JsonNode node, String where) {
        requireObject(node, where);
        String kind = text(required(node, "kind", where), where + ".kind");
        Path subpath = optionalPath(node.get("subpath"), where + ".subpath");
        try {
            return switch (kind) {
                case "root" -> SpecialPath.ROOT;
                case "minimal" -> SpecialPath.MINIMAL;
                case "project_roots", "current_working_directory" -> new SpecialPath.ProjectRoots(subpath);
                case "tmpdir" -> SpecialPath.TMPDIR;
                case "slash_tmp" -> SpecialPath.SLASH_TMP;
                case "unknown" -> new SpecialPath.Unknown(text(required(node, "path", where), where + ".path"),
                        subpath);
                default -> throw new PermissionException(where + ".kind: unknown special path `" + kind + "`");
            };
        } catch (PermissionException e) {
            if (e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new PermissionException(where + ": " + e.getMessage(), e);
        }
    }

    private static Integer depth(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw new PermissionException(where + ": expected an integer of at least 1, got " + node);
        }
        return node.intValue();
    }

    private static NetworkPolicy network(JsonNode node, String where) {
        String value = text(node, where);
        return switch (value) {
            case "restricted" -> NetworkPolicy.RESTRICTED;
            case "enabled" -> NetworkPolicy.ENABLED;
            default -> throw new PermissionException(where + ": unknown network policy `" + value
                    + "`; expected restricted or enabled");
        };
    }

    private static Path absolute(JsonNode node, String where) {
        String raw = text(node, where);
        try {
            return PathRules.absoluteLexical(PathRules.parse(raw, raw), "path");
        } catch (PermissionException e) {
            throw new PermissionException(where + ": " + e.getMessage(), e);
        }
    }

    private static Path optionalPath(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        String raw = text(node, where);
        return PathRules.parse(raw, raw);
    }

    // ----------------------------------------------------------------------------------------------- plumbing

    private static JsonNode required(JsonNode node, String member, String where) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            throw new PermissionException(where + ": missing member `" + member + "`");
        }
        return value;
    }

    private static void requireObject(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new PermissionException(where + ": expected an object, got " + (node == null ? "nothing" : node));
        }
    }

    private static void onlyMembers(JsonNode node, Set<String> allowed, String where) {
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String name = member.getKey();
            if (!allowed.contains(name)) {
                throw new PermissionException(where + ": unknown member `" + name + "` (expected one of "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    private static String text(JsonNode node, String where) {
        if (!node.isTextual()) {
            throw new PermissionException(where + ": expected a string, got " + node);
        }
        return node.textValue();
    }

    private static boolean bool(JsonNode node, String where) {
        if (!node.isBoolean()) {
            throw new PermissionException(where + ": expected true or false, got " + node);
        }
        return node.booleanValue();
    }
}
