package dev.turnstile.core.permissions.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.turnstile.core.permissions.model.FileSystemAccess;
import dev.turnstile.core.permissions.model.FileSystemPath;
import dev.turnstile.core.permissions.model.FileSystemSandboxEntry;
import dev.turnstile.core.permissions.model.NetworkPolicy;
import dev.turnstile.core.permissions.model.PathRules;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.SpecialPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The permission part of a configuration file ({@code --config FILE}, spec §3.1): {@code default_permissions},
 * the {@code [permissions.<id>]} profiles and the legacy {@code [sandbox_workspace_write]} table, read with
 * Jackson's TOML data format. Other tables of the file are ignored.
 *
 * <pre>{@code
 * default_permissions = "dev"
 * [permissions.dev.workspace_roots]      # path = enabled; ~ expands; relative paths resolve against the cwd
 * "~/code/openai" = true
 * [permissions.dev.filesystem]
 * ":root" = "read"                       # :root, :minimal, :workspace_roots, :tmpdir, absolute or ~/ paths
 * [permissions.dev.filesystem.":workspace_roots"]   # rules under every workspace root
 * "." = "write"
 * ".git" = "read"
 * [permissions.dev.network]
 * enabled = false
 * }</pre>
 *
 * <p>Tables are compiled in key order, as upstream's sorted maps do. Unknown {@code :tokens} are kept as
 * {@link SpecialPath.Unknown} with a warning, never rejected. Every error names the file and the key.
 *
 * @param source             the file name used in messages
 * @param defaultPermissions {@code default_permissions}, or null
 * @param profiles           the profiles by id, or null when the file has no {@code [permissions]} table
 * @param legacyWorkspaceWrite {@code [sandbox_workspace_write]}, or null
 * @param warnings           what was accepted but will be ignored
 */
public record PermissionsConfig(String source, String defaultPermissions, Map<String, ProfileDefinition> profiles,
                                LegacyWorkspaceWrite legacyWorkspaceWrite, List<String> warnings) {

    private static final TomlMapper TOML = new TomlMapper();
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    public PermissionsConfig {
        profiles = profiles == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        warnings = List.copyOf(warnings);
    }

    /** No configuration file: no default, no profiles. */
    public static PermissionsConfig empty() {
        return new PermissionsConfig("<none>", null, null, null, List.of());
    }

    /** Reads {@code file}; {@code ~} expands to the user's home directory. */
    public static PermissionsConfig load(Path file) {
        return load(file, Path.of(System.getProperty("user.home")));
    }

    /**
     * Reads {@code file}, expanding {@code ~} against {@code home}.
     *
     * @throws PermissionException when the file is missing or unreadable, is not TOML, or a permission key is
     *                             malformed; the message names the file and the key
     */
    public static PermissionsConfig load(Path file, Path home) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PermissionException("config file `" + file + "` does not exist", e);
        } catch (CharacterCodingException e) {
            throw new PermissionException("config file `" + file + "` is not UTF-8 text", e);
        } catch (IOException e) {
            throw new PermissionException("config file `" + file + "` cannot be read: " + e.getMessage(), e);
        }
        return parse(text, file.toString(), home);
    }

    /** Parses TOML text; {@code source} names it in messages. */
    public static PermissionsConfig parse(String toml, String source, Path home) {
        JsonNode root;
        try {
            root = TOML.readTree(toml);
        } catch (JsonProcessingException e) {
            throw new PermissionException("config file `" + source + "` is not valid TOML: "
                    + e.getOriginalMessage(), e);
        }
        return new Reader(source, home).read(root == null ? TOML.createObjectNode() : root);
    }

    /** True when the file has a {@code [permissions]} table. */
    public boolean hasPermissionsTable() {
        return profiles != null;
    }

    /** The profile {@code id}, or null. */
    public ProfileDefinition profile(String id) {
        return profiles == null ? null : profiles.get(id);
    }

    /** Renders a dotted key path the way TOML writes it: bare keys as is, others quoted. */
    static String keyPath(List<String> keys) {
        List<String> parts = new ArrayList<>(keys.size());
        for (String key : keys) {
            parts.add(BARE_KEY.matcher(key).matches() ? key : "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"")
                    + "\"");
        }
        return String.join(".", parts);
    }

    /** One read of one file. */
    private static final class Reader {
        private final String source;
        private final Path home;
        private final List<String> warnings = new ArrayList<>();

        Reader(String source, Path home) {
            this.source = source;
            this.home = home;
        }

        PermissionsConfig read(JsonNode root) {
            String defaultPermissions = null;
            JsonNode defaultNode = root.get("default_permissions");
            if (defaultNode != null) {
                defaultPermissions = string(defaultNode, List.of("default_permissions"));
            }
            Map<String, ProfileDefinition> profiles = null;
            JsonNode permissions = root.get("permissions");
            if (permissions != null) {
                table(permissions, List.of("permissions"));
                profiles = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> profile : sorted(permissions).entrySet()) {
                    String id = profile.getKey();
                    List<String> key = List.of("permissions", id);
                    if (id.startsWith(":")) {
                        throw error(key, "permissions profile `" + id + "` uses a reserved built-in profile prefix");
                    }
                    profiles.put(id, profile(id, profile.getValue(), key));
                }
            }
            LegacyWorkspaceWrite legacy = null;
            JsonNode legacyNode = root.get("sandbox_workspace_write");
            if (legacyNode != null) {
                legacy = legacyWorkspaceWrite(legacyNode, List.of("sandbox_workspace_write"));
            }
            return new PermissionsConfig(source, defaultPermissions, profiles, legacy, warnings);
        }

        private ProfileDefinition profile(String id, JsonNode node, List<String> key) {
            table(node, key);
            List<FileSystemSandboxEntry> entries = new ArrayList<>();
            Integer depth = null;
            JsonNode filesystem = node.get("filesystem");
            boolean recognised = false;
            if (filesystem != null) {
                List<String> fsKey = append(key, "filesystem");
                table(filesystem, fsKey);
                for (Map.Entry<String, JsonNode> rule : sorted(filesystem).entrySet()) {
                    List<String> ruleKey = append(fsKey, rule.getKey());
                    if (rule.getKey().equals("glob_scan_max_depth")) {
                        depth = globScanMaxDepth(rule.getValue(), ruleKey);
                        continue;
                    }
                    entries.addAll(rule(rule.getKey(), rule.getValue(), ruleKey));
                    recognised = true;
                }
            }
            if (!recognised) {
                warnings.add("Permissions profile `" + id + "` does not define any recognized filesystem entries for "
                        + "this version of Turnstile. Filesystem access will remain restricted.");
            }
            NetworkPolicy network = NetworkPolicy.RESTRICTED;
            JsonNode networkNode = node.get("network");
            if (networkNode != null) {
                List<String> netKey = append(key, "network");
                table(networkNode, netKey);
                JsonNode enabled = networkNode.get("enabled");
                if (enabled != null) {
                    network = NetworkPolicy.of(bool(enabled, append(netKey, "enabled")));
                }
            }
            List<Path> roots = new ArrayList<>();
            JsonNode rootsNode = node.get("workspace_roots");
            if (rootsNode != null) {
                List<String> rootsKey = append(key, "workspace_roots");
                table(rootsNode, rootsKey);
                for (Map.Entry<String, JsonNode> root : sorted(rootsNode).entrySet()) {
                    List<String> rootKey = append(rootsKey, root.getKey());
                    if (bool(root.getValue(), rootKey)) {
                        if (root.getKey().isEmpty()) {
                            throw error(rootKey, "a workspace root must not be empty");
                        }
                        roots.add(guard(rootKey, () -> PathRules.expandHome(root.getKey(), home)));
                    }
                }
            }
            return new ProfileDefinition(id, entries, depth, network, roots);
        }

        /** One key of a {@code filesystem} table: an access, or a table of subpath = access. */
        private List<FileSystemSandboxEntry> rule(String path, JsonNode value, List<String> key) {
            if (value.isTextual()) {
                FileSystemAccess access = access(value, key);
                return List.of(new FileSystemSandboxEntry(guard(key, () -> accessPath(path, access)), access));
            }
            if (!value.isObject()) {
                throw error(key, "expected an access (read, write or none) or a table of subpath = access, got "
                        + describe(value));
            }
            List<FileSystemSandboxEntry> entries = new ArrayList<>();
            for (Map.Entry<String, JsonNode> scoped : sorted(value).entrySet()) {
                List<String> scopedKey = append(key, scoped.getKey());
                FileSystemAccess access = access(scoped.getValue(), scopedKey);
                entries.add(new FileSystemSandboxEntry(guard(scopedKey,
                        () -> scopedPath(path, scoped.getKey(), access)), access));
            }
            return entries;
        }

        private FileSystemPath accessPath(String path, FileSystemAccess access) {
            if (!containsGlob(path)) {
                return plainPath(path);
            }
            if (access == FileSystemAccess.NONE) {
                return FileSystemPath.glob(absolute(path).toString());
            }
            return plainPath(withoutTrailingGlob(path, access));
        }

        private FileSystemPath scopedPath(String path, String subpath, FileSystemAccess access) {
            SpecialPath special = special(path);
            boolean canBePattern = special == null || special instanceof SpecialPath.ProjectRoots;
            if (containsGlob(subpath) && access == FileSystemAccess.NONE && canBePattern) {
                Path relative = relativeSubpath(subpath);
                return special == null ? FileSystemPath.glob(absolute(path).resolve(relative).toString())
                        : FileSystemPath.projectRootsGlob(relative.toString());
            }
            String literal = withoutTrailingGlob(subpath, access);
            if (literal.equals(".")) {
                return plainPath(path);
            }
            Path relative = relativeSubpath(literal);
            if (special == null) {
                return FileSystemPath.of(absolute(path).resolve(relative).normalize());
            }
            return switch (special) {
                case SpecialPath.ProjectRoots ignored -> FileSystemPath.of(new SpecialPath.ProjectRoots(relative));
                case SpecialPath.Unknown unknown -> {
                    warnings.add("Configured filesystem path `" + unknown.path() + "` with nested entry `" + relative
                            + "` is not recognized by this version of Turnstile and will be ignored.");
                    yield FileSystemPath.of(new SpecialPath.Unknown(unknown.path(), relative));
                }
                default -> throw new PermissionException("filesystem path `" + path
                        + "` does not support nested entries");
            };
        }

        private FileSystemPath plainPath(String path) {
            SpecialPath special = special(path);
            if (special == null) {
                return FileSystemPath.of(absolute(path));
            }
            if (special instanceof SpecialPath.Unknown unknown) {
                warnings.add("Configured filesystem path `" + unknown.path()
                        + "` is not recognized by this version of Turnstile and will be ignored.");
            }
            return FileSystemPath.of(special);
        }

        /** A {@code :token}, or null for a path. Unknown tokens are kept, not rejected. */
        private static SpecialPath special(String path) {
            return switch (path) {
                case ":root" -> SpecialPath.ROOT;
                case ":minimal" -> SpecialPath.MINIMAL;
                case ":workspace_roots" -> SpecialPath.projectRoots();
                case ":tmpdir" -> SpecialPath.TMPDIR;
                default -> path.startsWith(":") ? new SpecialPath.Unknown(path, null) : null;
            };
        }

        private Path absolute(String path) {
            if (!path.equals("~") && !path.startsWith("~/") && !PathRules.parse(path, path).isAbsolute()) {
                throw new PermissionException("filesystem path `" + path
                        + "` must be absolute, use `~/...`, or start with `:`");
            }
            return PathRules.expandHome(path, home).normalize();
        }

        private static Path relativeSubpath(String subpath) {
            Path path = subpath.isEmpty() ? null : PathRules.parse(subpath, subpath);
            boolean descendant = path != null && !path.isAbsolute();
            if (descendant) {
                for (Path name : path) {
                    String part = name.toString();
                    if (part.equals(".") || part.equals("..") || part.isEmpty()) {
                        descendant = false;
                        break;
                    }
                }
            }
            if (!descendant) {
                throw new PermissionException("filesystem subpath `" + subpath
                        + "` must be a descendant path without `.` or `..` components");
            }
            return path;
        }

        private static boolean containsGlob(String path) {
            return path.chars().anyMatch(ch -> ch == '*' || ch == '?' || ch == '[' || ch == ']');
        }

        private static String withoutTrailingGlob(String path, FileSystemAccess access) {
            if (!containsGlob(path)) {
                return path;
            }
            String stripped = path.endsWith("/**") ? path.substring(0, path.length() - 3) : path;
            if (!containsGlob(stripped)) {
                return stripped;
            }
            throw new PermissionException("filesystem glob path `" + path + "` only supports `none` access; use an "
                    + "exact path or a trailing `/**` for `" + access.wireName() + "` subtree access");
        }

        private LegacyWorkspaceWrite legacyWorkspaceWrite(JsonNode node, List<String> key) {
            table(node, key);
            List<Path> roots = new ArrayList<>();
            JsonNode rootsNode = node.get("writable_roots");
            if (rootsNode != null) {
                List<String> rootsKey = append(key, "writable_roots");
                if (!rootsNode.isArray()) {
                    throw error(rootsKey, "expected an array of absolute paths, got " + describe(rootsNode));
                }
                for (int i = 0; i < rootsNode.size(); i++) {
                    List<String> itemKey = append(rootsKey, "[" + i + "]");
                    String raw = string(rootsNode.get(i), itemKey);
                    roots.add(guard(itemKey, () -> PathRules.normalisedAbsolute(PathRules.expandHome(raw, home),
                            "writable root")));
                }
            }
            return new LegacyWorkspaceWrite(roots, flag(node, key, "network_access"),
                    flag(node, key, "exclude_tmpdir_env_var"), flag(node, key, "exclude_slash_tmp"));
        }

        private boolean flag(JsonNode table, List<String> key, String name) {
            JsonNode value = table.get(name);
            return value != null && bool(value, append(key, name));
        }

        private Integer globScanMaxDepth(JsonNode value, List<String> key) {
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
                throw error(key, "glob_scan_max_depth must be an integer of at least 1, got " + describe(value));
            }
            return value.intValue();
        }

        private FileSystemAccess access(JsonNode value, List<String> key) {
            if (!value.isTextual()) {
                throw error(key, "expected an access (read, write or none), got " + describe(value));
            }
            FileSystemAccess access = FileSystemAccess.parse(value.textValue());
            if (access == null) {
                throw error(key, "unknown access `" + value.textValue() + "`; expected read, write or none");
            }
            return access;
        }

        private String string(JsonNode value, List<String> key) {
            if (!value.isTextual()) {
                throw error(key, "expected a string, got " + describe(value));
            }
            return value.textValue();
        }

        private boolean bool(JsonNode value, List<String> key) {
            if (!value.isBoolean()) {
                throw error(key, "expected true or false, got " + describe(value));
            }
            return value.booleanValue();
        }

        private void table(JsonNode value, List<String> key) {
            if (!value.isObject()) {
                throw error(key, "expected a table, got " + describe(value));
            }
        }

        private <T> T guard(List<String> key, java.util.function.Supplier<T> compile) {
            try {
                return compile.get();
            } catch (PermissionException e) {
                throw error(key, e.getMessage());
            }
        }

        private PermissionException error(List<String> key, String message) {
            return new PermissionException("config file `" + source + "`, key `" + keyPath(key) + "`: " + message);
        }

        private static String describe(JsonNode value) {
            if (value.isTextual()) {
                return "the string \"" + value.textValue() + "\"";
            }
            if (value.isObject()) {
                return "a table";
            }
            if (value.isArray()) {
                return "an array";
            }
            return value.toString();
        }

        private static Map<String, JsonNode> sorted(JsonNode table) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            table.properties().forEach(field -> sorted.put(field.getKey(), field.getValue()));
            return sorted;
        }

        private static List<String> append(List<String> key, String part) {
            List<String> longer = new ArrayList<>(key);
            longer.add(part);
            return longer;
        }
    }
}
