package dev.turnstile.core.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.permissions.config.PermissionsConfig;
import dev.turnstile.core.permissions.model.Entries;
import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.permissions.sandbox.RealPaths;
import dev.turnstile.core.permissions.sandbox.SandboxEnvironment;
import dev.turnstile.core.permissions.sandbox.SandboxPlan;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property tests of realisation (issue #4 acceptance): for random runtime roots and random sequences of cwd
 * changes, roots replacements and profile selections, the runtime roots follow spec §3.3 step 4, the writable
 * set is exactly the runtime roots minus their protected metadata, no path outside the roots is ever writable,
 * and {@code .git} under a writable root never is.
 *
 * <p>The fixture is a small real tree with nested roots, metadata directories, a root reached through a symlink,
 * a symlink inside a root that leads out of it, and a root that does not exist yet.
 */
class RealizationPropertiesTest {
    private static final SandboxEnvironment NO_TMP = SandboxEnvironment.none();
    /** Directories (relative to the fixture) that serve as cwds and roots. */
    private static final List<String> DIRECTORIES = List.of("a", "a/x", "b", "c", "ghost", "link-b", "outside");
    /** What probes append to a directory. */
    private static final List<String> SUFFIXES = List.of("", "f", "sub/deep/f", ".git", ".git/config", ".codex",
            ".codex/config.toml", ".agents/skills/s", "esc", "esc/f", "x/.git/HEAD", "x/f", "../f", "esc/../f",
            ".gitignore", "sub/.git/f");
    private static final List<String> ABSOLUTE_PROBES = List.of("/", "/etc/passwd", "/tmp/x", "/usr/bin/env");

    private static Path base;
    private static PermissionsConfig config;

    sealed interface Step permits ChangeCwd, ReplaceRoots, ChangeCwdAndRoots, SelectProfile {
    }

    record ChangeCwd(String cwd) implements Step {
    }

    record ReplaceRoots(List<String> roots) implements Step {
    }

    record ChangeCwdAndRoots(String cwd, List<String> roots) implements Step {
    }

    record SelectProfile(boolean named) implements Step {
    }

    @BeforeContainer
    static void createFixture() throws IOException {
        base = Files.createTempDirectory("permission-properties").toRealPath();
        for (String dir : List.of("a/x/.git", "a/.git", "b/.codex", "c", "outside")) {
            Files.createDirectories(base.resolve(dir));
        }
        Files.createSymbolicLink(base.resolve("a/esc"), base.resolve("outside"));
        Files.createSymbolicLink(base.resolve("link-b"), base.resolve("b"));
        config = PermissionsConfig.parse("""
                [permissions.dev.filesystem]
                ":root" = "read"
                [permissions.dev.filesystem.":workspace_roots"]
                "." = "write"
                """, "config.toml", base);
    }

    @AfterContainer
    static void deleteFixture() throws IOException {
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    // -------------------------------------------------------------------------------------------- generators

    @Provide
    Arbitrary<String> directory() {
        return Arbitraries.of(DIRECTORIES);
    }

    @Provide
    Arbitrary<List<String>> rootSet() {
        return Arbitraries.of(DIRECTORIES).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> cwd = directory().map(ChangeCwd::new);
        Arbitrary<Step> roots = rootSet().map(ReplaceRoots::new);
        Arbitrary<Step> both = Combinators.combine(directory(), rootSet()).as(ChangeCwdAndRoots::new);
        Arbitrary<Step> select = Arbitraries.of(true, false).map(SelectProfile::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, cwd), net.jqwik.api.Tuple.of(3, roots),
                net.jqwik.api.Tuple.of(1, both), net.jqwik.api.Tuple.of(1, select)).list().ofMaxSize(6);
    }

    // ------------------------------------------------------------------------------------------- properties

    @Property(tries = 300)
    void theWritableSetIsExactlyTheRuntimeRootsMinusTheirMetadata(
            @ForAll("directory") String cwd, @ForAll("rootSet") List<String> addDirs,
            @ForAll("steps") List<Step> steps, @ForAll boolean named) {
        ThreadPermissions thread = ThreadPermissions.start(config, ThreadStart.in(base.resolve(cwd))
                .withAdditionalWritableRoots(paths(addDirs)).withPermissions(named ? "dev" : BuiltInProfiles.WORKSPACE));
        List<Path> modelRoots = dedupe(concat(List.of(base.resolve(cwd)), paths(addDirs)));
        Path modelCwd = base.resolve(cwd);
        check(thread, modelCwd, modelRoots);

        for (Step step : steps) {
            PermissionUpdate update = switch (step) {
                case ChangeCwd change -> PermissionUpdate.NONE.withCwd(base.resolve(change.cwd()));
                case ReplaceRoots replace -> PermissionUpdate.NONE.withWorkspaceRoots(paths(replace.roots()));
                case ChangeCwdAndRoots change -> PermissionUpdate.NONE.withCwd(base.resolve(change.cwd()))
                        .withWorkspaceRoots(paths(change.roots()));
                case SelectProfile select -> select.named()
                        ? PermissionUpdate.NONE.withSelectedProfile(ProfileResolver.resolve(config, "dev", modelCwd))
                        : PermissionUpdate.NONE.withPermissionProfile(PermissionProfile.workspaceWrite(),
                        new ActivePermissionProfile(BuiltInProfiles.WORKSPACE), null);
            };
            // The reference model of §3.3 steps 3 and 4.
            Path nextCwd = update.cwd() == null ? modelCwd : update.cwd();
            if (update.workspaceRoots() != null) {
                modelRoots = dedupe(update.workspaceRoots());
            } else if (!nextCwd.equals(modelCwd) && modelRoots.contains(modelCwd)) {
                Path oldCwd = modelCwd;
                modelRoots = dedupe(modelRoots.stream().map(root -> root.equals(oldCwd) ? nextCwd : root).toList());
            }
            modelCwd = nextCwd;

            thread = thread.apply(update, base, NO_TMP);
            check(thread, modelCwd, modelRoots);
        }
    }

    @Property(tries = 300)
    void noPathOutsideTheRootsIsEverWritable(@ForAll("rootSet") List<String> roots, @ForAll("directory") String cwd,
                                             @ForAll("directory") String newCwd, @ForAll boolean named) {
        ThreadPermissions thread = ThreadPermissions.start(config, ThreadStart.in(base.resolve(cwd))
                .withRuntimeWorkspaceRoots(roots.stream().map(root -> base.resolve(root).toString()).toList())
                .withPermissions(named ? "dev" : BuiltInProfiles.WORKSPACE))
                .apply(PermissionUpdate.NONE.withCwd(base.resolve(newCwd)), base, NO_TMP);
        SandboxPlan plan = thread.realize(NO_TMP);
        List<Path> realRoots = thread.runtimeWorkspaceRoots().stream().map(RealPaths::of).toList();

        for (Path probe : probes()) {
            if (plan.isWritable(probe)) {
                Path real = RealPaths.of(probe);
                assertThat(realRoots).as("%s is writable, so it must lie under a root", probe)
                        .anyMatch(real::startsWith);
            }
        }
        assertThat(plan.isWritable(base)).isEqualTo(false);
    }

    @Property(tries = 300)
    void gitUnderAWritableRootIsNeverWritable(@ForAll("rootSet") List<String> roots, @ForAll("directory") String cwd,
                                              @ForAll("suffix") String suffix, @ForAll boolean named) {
        ThreadPermissions thread = ThreadPermissions.start(config, ThreadStart.in(base.resolve(cwd))
                .withAdditionalWritableRoots(paths(roots)).withPermissions(named ? "dev" : BuiltInProfiles.WORKSPACE));
        SandboxPlan plan = thread.realize(NO_TMP);

        for (Path root : thread.runtimeWorkspaceRoots()) {
            assertThat(plan.isWritable(root.resolve(".git"))).as("%s/.git", root).isFalse();
            assertThat(plan.isWritable(root.resolve(".git").resolve(suffix))).as("%s/.git/%s", root, suffix).isFalse();
        }
    }

    @Provide
    Arbitrary<String> suffix() {
        return Arbitraries.of("HEAD", "config", "objects/ab/cdef", "hooks/pre-commit", "worktrees/w/HEAD");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static void check(ThreadPermissions thread, Path modelCwd, List<Path> modelRoots) {
        assertThat(thread.cwd()).isEqualTo(modelCwd);
        assertThat(thread.runtimeWorkspaceRoots()).as("runtime roots per §3.3 step 4").isEqualTo(modelRoots);
        SandboxPlan plan = thread.realize(NO_TMP);
        List<Path> realRoots = modelRoots.stream().map(RealPaths::of).toList();
        assertThat(new LinkedHashSet<>(plan.writableRootPaths())).as("writable roots")
                .isEqualTo(new LinkedHashSet<>(realRoots));
        for (Path probe : probes()) {
            assertThat(plan.isWritable(probe)).as("writable(%s) with roots %s", probe, modelRoots)
                    .isEqualTo(expectedWritable(probe, realRoots));
        }
    }

    /** The rule, stated independently of the plan: under a root, and not under any root's metadata. */
    private static boolean expectedWritable(Path probe, List<Path> realRoots) {
        Path real = RealPaths.of(probe);
        boolean underARoot = realRoots.stream().anyMatch(real::startsWith);
        boolean metadata = realRoots.stream().anyMatch(root -> Entries.PROTECTED_METADATA_NAMES.stream()
                .anyMatch(name -> real.startsWith(root.resolve(name))));
        return underARoot && !metadata;
    }

    private static List<Path> probes() {
        List<Path> probes = new ArrayList<>();
        for (String dir : DIRECTORIES) {
            for (String suffix : SUFFIXES) {
                probes.add(suffix.isEmpty() ? base.resolve(dir) : base.resolve(dir).resolve(suffix));
            }
        }
        probes.add(base);
        probes.add(base.resolve("elsewhere/f"));
        ABSOLUTE_PROBES.forEach(probe -> probes.add(Path.of(probe)));
        return probes;
    }

    private static List<Path> paths(List<String> dirs) {
        return dirs.stream().map(base::resolve).toList();
    }

    private static List<Path> concat(List<Path> first, List<Path> second) {
        List<Path> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static List<Path> dedupe(List<Path> paths) {
        return List.copyOf(new LinkedHashSet<>(paths.stream().map(Path::normalize).toList()));
    }
}
