package dev.turnstile.core.permissions;

import static dev.turnstile.core.permissions.model.FileSystemAccess.NONE;
import static dev.turnstile.core.permissions.model.FileSystemAccess.READ;
import static dev.turnstile.core.permissions.model.FileSystemAccess.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.core.permissions.config.LegacyWorkspaceWrite;
import dev.turnstile.core.permissions.config.PermissionsConfig;
import dev.turnstile.core.permissions.config.ProfileDefinition;
import dev.turnstile.core.permissions.model.FileSystemPath;
import dev.turnstile.core.permissions.model.FileSystemSandboxEntry;
import dev.turnstile.core.permissions.model.NetworkPolicy;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.SpecialPath;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec §3.1 "Config TOML": {@code --config FILE} read with jackson-dataformat-toml. */
class PermissionsConfigTest {
    private static final Path HOME = Path.of("/home/tester");

    static Path resource(String name) {
        try {
            return Path.of(PermissionsConfigTest.class.getResource("/permissions/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PermissionsConfig parse(String toml) {
        return PermissionsConfig.parse(toml, "config.toml", HOME);
    }

    /** The §3.1 example file: the {@code dev} profile, its enabled roots, its {@code :workspace_roots} rules. */
    @Test
    void theSection31ExampleFileCompilesToTheDevProfile() {
        PermissionsConfig config = PermissionsConfig.load(resource("spec-3.1-example.toml"), HOME);

        assertThat(config.defaultPermissions()).isEqualTo("dev");
        ProfileDefinition dev = config.profile("dev");
        assertThat(dev.workspaceRoots()).as("false entries ignored, ~ expanded, key order")
                .containsExactly(HOME.resolve("code/developers-website"), HOME.resolve("code/openai"));
        assertThat(dev.entries()).as("rules under every workspace root, still symbolic, in key order").containsExactly(
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(), WRITE),
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(".codex"), READ),
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(".git"), READ));
        assertThat(dev.network()).isEqualTo(NetworkPolicy.RESTRICTED);
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void everyFilesystemKeyFormCompiles() {
        PermissionsConfig config = PermissionsConfig.load(resource("every-key.toml"), HOME);

        ProfileDefinition locked = config.profile("locked");
        assertThat(locked.entries()).containsExactly(
                FileSystemSandboxEntry.of(Path.of("/opt/tools"), READ),
                FileSystemSandboxEntry.of(Path.of("/srv/cache"), WRITE),
                FileSystemSandboxEntry.of(Path.of("/srv/cache/index"), READ),
                FileSystemSandboxEntry.of(Path.of("/srv/data"), WRITE),
                FileSystemSandboxEntry.glob("/srv/secrets/**/*.key", NONE),
                FileSystemSandboxEntry.of(new SpecialPath.Unknown(":future_token", null), READ),
                FileSystemSandboxEntry.of(SpecialPath.MINIMAL, READ),
                FileSystemSandboxEntry.of(SpecialPath.ROOT, READ),
                FileSystemSandboxEntry.of(SpecialPath.TMPDIR, WRITE),
                new FileSystemSandboxEntry(FileSystemPath.projectRootsGlob("**/*.env"), NONE),
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(), WRITE),
                FileSystemSandboxEntry.of(SpecialPath.projectRoots("docs"), READ),
                FileSystemSandboxEntry.of(HOME.resolve("notes"), WRITE));
        assertThat(locked.globScanMaxDepth()).isEqualTo(3);
        assertThat(locked.network()).isEqualTo(NetworkPolicy.ENABLED);
        assertThat(config.legacyWorkspaceWrite())
                .isEqualTo(new LegacyWorkspaceWrite(List.of(Path.of("/legacy/extra")), true, true, false));
        assertThat(config.warnings()).as("unknown tokens warn, never reject").singleElement().asString()
                .contains("`:future_token` is not recognized");
    }

    /** {@code permissions_tests.rs::compile_permission_profile_workspace_roots_resolves_enabled_entries}. */
    @Test
    void compile_permission_profile_workspace_roots_resolves_enabled_entries(@TempDir Path cwd) {
        PermissionsConfig config = parse("""
                [permissions.dev.workspace_roots]
                backend = true
                disabled = false
                [permissions.dev.filesystem]
                ":root" = "read"
                """);

        PermissionState state = ProfileResolver.resolve(config, "dev", cwd);

        assertThat(state.profileWorkspaceRoots()).containsExactly(cwd.resolve("backend"));
        assertThat(state.activeProfile()).get().extracting(active -> active.id()).isEqualTo("dev");
    }

    @Test
    void aMissingFileIsReportedByName(@TempDir Path dir) {
        Path missing = dir.resolve("nope.toml");
        assertThatThrownBy(() -> PermissionsConfig.load(missing, HOME))
                .isInstanceOf(PermissionException.class)
                .hasMessage("config file `" + missing + "` does not exist");
    }

    @Test
    void aFileThatIsNotTomlIsReportedByName() {
        Path file = resource("not-toml.toml");
        assertThatThrownBy(() -> PermissionsConfig.load(file, HOME))
                .isInstanceOf(PermissionException.class)
                .hasMessageStartingWith("config file `" + file + "` is not valid TOML: ");
    }

    @Test
    void aBadAccessValueNamesTheFileAndTheKey() {
        Path file = resource("bad-access.toml");
        assertThatThrownBy(() -> PermissionsConfig.load(file, HOME))
                .isInstanceOf(PermissionException.class)
                .hasMessage("config file `" + file + "`, key `permissions.dev.filesystem.\":workspace_roots\".\".git\"`: "
                        + "unknown access `readonly`; expected read, write or none");
    }

    @Test
    void otherBadInputNamesTheKey() {
        assertThatThrownBy(() -> parse("[permissions.dev.filesystem]\n\"relative/dir\" = \"read\"\n"))
                .hasMessage("config file `config.toml`, key `permissions.dev.filesystem.\"relative/dir\"`: "
                        + "filesystem path `relative/dir` must be absolute, use `~/...`, or start with `:`");
        assertThatThrownBy(() -> parse("[permissions.dev.filesystem.\":root\"]\ndocs = \"read\"\n"))
                .hasMessage("config file `config.toml`, key `permissions.dev.filesystem.\":root\".docs`: "
                        + "filesystem path `:root` does not support nested entries");
        assertThatThrownBy(() -> parse("[permissions.dev.filesystem.\":workspace_roots\"]\n\"../up\" = \"write\"\n"))
                .hasMessageEndingWith("filesystem subpath `../up` must be a descendant path without `.` or `..` components");
        assertThatThrownBy(() -> parse("[permissions.dev.filesystem]\n\"/srv/*/logs\" = \"write\"\n"))
                .hasMessageContaining("only supports `none` access");
        assertThatThrownBy(() -> parse("[permissions.dev.filesystem]\nglob_scan_max_depth = 0\n"))
                .hasMessageContaining("key `permissions.dev.filesystem.glob_scan_max_depth`: glob_scan_max_depth must be "
                        + "an integer of at least 1");
        assertThatThrownBy(() -> parse("[permissions.\":custom\"]\n"))
                .hasMessageEndingWith("permissions profile `:custom` uses a reserved built-in profile prefix");
        assertThatThrownBy(() -> parse("[permissions.dev.workspace_roots]\n\"/w\" = \"yes\"\n"))
                .hasMessage("config file `config.toml`, key `permissions.dev.workspace_roots.\"/w\"`: expected true or false, "
                        + "got the string \"yes\"");
        assertThatThrownBy(() -> parse("default_permissions = 3\n"))
                .hasMessage("config file `config.toml`, key `default_permissions`: expected a string, got 3");
    }

    @Test
    void selectingAProfileTheFileDoesNotHaveIsAnError(@TempDir Path cwd) {
        assertThatThrownBy(() -> ProfileResolver.resolve(PermissionsConfig.empty(), "dev", cwd))
                .hasMessage("default_permissions requires a `[permissions]` table");
        assertThatThrownBy(() -> ProfileResolver.resolve(parse("[permissions.other]\n"), "dev", cwd))
                .hasMessage("default_permissions refers to undefined profile `dev`");
    }

    @Test
    void aProfileWithoutFilesystemRulesIsAcceptedWithAWarning() {
        PermissionsConfig config = parse("[permissions.bare.network]\nenabled = true\n");
        assertThat(config.profile("bare").entries()).isEmpty();
        assertThat(config.warnings()).singleElement().asString()
                .contains("`bare` does not define any recognized filesystem entries");
    }

    @Test
    void theFileIsReadAsUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.toml");
        Files.writeString(file, "default_permissions = \"d\u00e9v\"\n[permissions.\"d\u00e9v\".filesystem]\n\":root\" = \"read\"\n");
        assertThat(PermissionsConfig.load(file, HOME).profile("d\u00e9v")).isNotNull();
    }
}
