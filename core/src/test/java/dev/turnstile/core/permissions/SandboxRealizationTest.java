package dev.turnstile.core.permissions;

import static dev.turnstile.core.permissions.model.FileSystemAccess.NONE;
import static dev.turnstile.core.permissions.model.FileSystemAccess.READ;
import static dev.turnstile.core.permissions.model.FileSystemAccess.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.core.permissions.config.PermissionsConfig;
import dev.turnstile.core.permissions.model.Enforcement;
import dev.turnstile.core.permissions.model.FileSystemSandboxEntry;
import dev.turnstile.core.permissions.model.NetworkPolicy;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.permissions.model.SpecialPath;
import dev.turnstile.core.permissions.sandbox.Sandbox;
import dev.turnstile.core.permissions.sandbox.SandboxEnvironment;
import dev.turnstile.core.permissions.sandbox.SandboxPlan;
import dev.turnstile.core.permissions.sandbox.WritableRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Realisation of a turn's sandbox (issue #4 item 3) and the validation of roots. */
class SandboxRealizationTest {
    private static final SandboxEnvironment NO_TMP = SandboxEnvironment.none();

    @TempDir
    Path temp;

    private static PermissionProfile restricted(FileSystemSandboxEntry... entries) {
        return PermissionProfile.restricted(List.of(entries), NetworkPolicy.RESTRICTED);
    }

    @Test
    void theWorkspaceProfileWritesItsRootsAndTheTmpDirsAndKeepsMetadataReadOnly() throws Exception {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        Path tmpdir = Files.createDirectories(temp.resolve("tmpdir"));
        SandboxEnvironment environment = new SandboxEnvironment(tmpdir, true);

        SandboxPlan plan = Sandbox.realize(PermissionProfile.workspaceWrite().materialize(List.of(repo)), repo,
                environment);

        assertThat(plan.writableRootPaths()).containsExactly(repo, Path.of("/tmp").toRealPath(), tmpdir);
        WritableRoot root = plan.writableRoots().getFirst();
        assertThat(root.readOnlySubpaths()).contains(repo.resolve(".git"), repo.resolve(".codex"));
        assertThat(plan.isWritable(repo.resolve("src/lib.rs"))).isTrue();
        assertThat(plan.isWritable(Path.of("src/lib.rs"))).as("relative to the cwd").isTrue();
        assertThat(plan.isWritable(repo.resolve(".git/HEAD"))).isFalse();
        assertThat(plan.isWritable(repo.resolve(".agents/skills/x"))).as("protected even before it exists").isFalse();
        assertThat(plan.isWritable(tmpdir.resolve("scratch"))).isTrue();
        assertThat(plan.isWritable(Path.of("/opt/elsewhere"))).as("outside every root (temp itself is under /tmp)").isFalse();
        assertThat(plan.fullDiskRead()).isTrue();
        assertThat(plan.isReadable(Path.of("/etc/hosts"))).isTrue();
        assertThat(plan.networkEnabled()).isFalse();
        assertThat(plan.enforcement()).isEqualTo(Enforcement.MANAGED);
    }

    @Test
    void aWorktreesGitdirIsReadOnlyToo() throws Exception {
        Path repo = Files.createDirectories(temp.resolve("worktree"));
        Path gitdir = Files.createDirectories(temp.resolve("main/.git/worktrees/w"));
        Files.writeString(repo.resolve(".git"), "gitdir: " + gitdir + "\n");

        SandboxPlan plan = Sandbox.realize(restricted(FileSystemSandboxEntry.of(repo, WRITE)), repo, NO_TMP);

        assertThat(plan.writableRoots().getFirst().readOnlySubpaths()).contains(gitdir, repo.resolve(".git"));
    }

    @Test
    void narrowerEntriesCarveOutAndDeeperWritesWin() throws Exception {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        SandboxPlan plan = Sandbox.realize(restricted(
                FileSystemSandboxEntry.of(SpecialPath.ROOT, READ),
                FileSystemSandboxEntry.of(repo, WRITE),
                FileSystemSandboxEntry.of(repo.resolve("docs"), READ),
                FileSystemSandboxEntry.of(repo.resolve("docs/generated"), WRITE),
                FileSystemSandboxEntry.of(repo.resolve("secrets"), NONE),
                FileSystemSandboxEntry.glob(repo + "/**/*.pem", NONE)), repo, NO_TMP);

        assertThat(plan.isWritable(repo.resolve("docs/index.md"))).isFalse();
        assertThat(plan.isWritable(repo.resolve("docs/generated/api.md"))).isTrue();
        assertThat(plan.isWritable(repo.resolve("secrets/key"))).isFalse();
        assertThat(plan.isReadable(repo.resolve("secrets/key"))).isFalse();
        assertThat(plan.isReadable(repo.resolve("certs/server.pem"))).isFalse();
        assertThat(plan.isReadable(repo.resolve("docs/index.md"))).isTrue();
        assertThat(plan.fullDiskRead()).as("deny entries end full-disk read").isFalse();
        assertThat(plan.deniedPaths()).containsExactly(repo.resolve("secrets"));
        assertThat(plan.deniedGlobs()).containsExactly(repo + "/**/*.pem");
    }

    @Test
    void nestedRootsKeepEachOthersMetadataAndAnExplicitGrantInsideMetadataWins() throws Exception {
        Path outer = Files.createDirectories(temp.resolve("outer"));
        Path inner = Files.createDirectories(outer.resolve("inner"));

        SandboxPlan nested = Sandbox.realize(restricted(FileSystemSandboxEntry.of(outer, WRITE),
                FileSystemSandboxEntry.of(inner, WRITE)), outer, NO_TMP);
        assertThat(nested.isWritable(inner.resolve(".git/HEAD"))).as("the outer root does not lift it").isFalse();
        assertThat(nested.isWritable(inner.resolve("src/f"))).isTrue();

        SandboxPlan granted = Sandbox.realize(restricted(FileSystemSandboxEntry.of(outer, WRITE),
                FileSystemSandboxEntry.of(outer.resolve(".codex/prompts"), WRITE)), outer, NO_TMP);
        assertThat(granted.isWritable(outer.resolve(".codex/prompts/p.md"))).isTrue();
        assertThat(granted.isWritable(outer.resolve(".codex/config.toml"))).isFalse();
    }

    @Test
    void unsandboxedProfilesWriteEverywhere() {
        SandboxPlan disabled = Sandbox.realize(PermissionProfile.disabled(), temp, NO_TMP);
        assertThat(disabled.fullDiskWrite()).isTrue();
        assertThat(disabled.networkEnabled()).isTrue();
        assertThat(disabled.isWritable(Path.of("/etc/passwd"))).isTrue();
        assertThat(Sandbox.realize(restricted(FileSystemSandboxEntry.of(SpecialPath.ROOT, WRITE)), temp, NO_TMP)
                .fullDiskWrite()).isTrue();
        assertThat(Sandbox.realize(restricted(FileSystemSandboxEntry.of(SpecialPath.ROOT, WRITE),
                FileSystemSandboxEntry.of(Path.of("/etc"), READ)), temp, NO_TMP).isWritable(Path.of("/etc/passwd")))
                .as("a narrowing entry ends full-disk write").isFalse();
    }

    @Test
    void aSymlinkInsideARootDoesNotMakeItsTargetWritable() throws Exception {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(repo.resolve("escape"), outside);

        SandboxPlan plan = Sandbox.realize(restricted(FileSystemSandboxEntry.of(repo, WRITE)), repo, NO_TMP);

        assertThat(plan.isWritable(repo.resolve("escape/file"))).isFalse();
        assertThat(plan.isWritable(repo.resolve("escape/../inside"))).as("`..` after a link follows the link")
                .isFalse();
        assertThat(plan.isWritable(repo.resolve("inside/../file"))).isTrue();
    }

    @Test
    void aSymlinkedRootIsWritableWhereItReallyLeads() throws Exception {
        Path real = Files.createDirectories(temp.resolve("real"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), real);

        SandboxPlan plan = Sandbox.realize(restricted(FileSystemSandboxEntry.of(link, WRITE)), temp, NO_TMP);

        assertThat(plan.writableRootPaths()).containsExactly(real);
        assertThat(plan.isWritable(link.resolve("f"))).isTrue();
        assertThat(plan.isWritable(real.resolve("f"))).isTrue();
    }

    @Test
    void relativeRootsMustStayInsideTheirBase() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("cwd"));
        Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(cwd.resolve("sneaky"), temp.resolve("outside"));

        assertThatThrownBy(() -> ThreadPermissions.start(PermissionsConfig.empty(),
                ThreadStart.in(cwd).withRuntimeWorkspaceRoots(List.of("../outside"))))
                .isInstanceOf(PermissionException.class)
                .hasMessage("workspace root `../outside` escapes through `..`; give it without `..` components");
        assertThatThrownBy(() -> ThreadPermissions.start(PermissionsConfig.empty(),
                ThreadStart.in(cwd).withRuntimeWorkspaceRoots(List.of("sneaky"))))
                .isInstanceOf(PermissionException.class)
                .hasMessage("workspace root `sneaky` escapes `" + cwd + "` through a symlink: `" + cwd.resolve("sneaky")
                        + "` leads to `" + temp.resolve("outside") + "`");
        assertThatThrownBy(() -> new ThreadPermissions(new PermissionState.Legacy(PermissionProfile.readOnly()),
                Path.of("relative/cwd"), List.of()))
                .hasMessage("cwd `relative/cwd` must be an absolute path");
    }

    @Test
    void aWritableWorkspaceSubpathThatLeadsOutThroughASymlinkIsRejected() throws Exception {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(repo.resolve("out"), temp.resolve("outside"));
        PermissionsConfig config = PermissionsConfig.parse("""
                [permissions.dev.filesystem.":workspace_roots"]
                "out" = "write"
                """, "config.toml", temp);
        ThreadPermissions thread = ThreadPermissions.start(config, ThreadStart.in(repo).withPermissions("dev"));

        assertThatThrownBy(() -> thread.realize(NO_TMP))
                .isInstanceOf(PermissionException.class)
                .hasMessageStartingWith("writable subpath `out` of workspace root `" + repo + "` escapes `" + repo
                        + "` through a symlink");
    }

    @Test
    void minimalAndUnknownTokensNameNoPath() {
        SandboxPlan plan = Sandbox.realize(restricted(FileSystemSandboxEntry.of(SpecialPath.MINIMAL, READ),
                FileSystemSandboxEntry.of(new SpecialPath.Unknown(":future", null), WRITE)), temp, NO_TMP);

        assertThat(plan.includePlatformDefaults()).isTrue();
        assertThat(plan.writableRoots()).isEmpty();
        assertThat(plan.isReadable(temp)).isFalse();
    }
}
