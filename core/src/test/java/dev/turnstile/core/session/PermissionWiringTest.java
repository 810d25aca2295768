package dev.turnstile.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.core.host.TurnPermissionOverrides;
import dev.turnstile.core.permissions.config.PermissionsConfig;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.sandbox.SandboxEnvironment;
import dev.turnstile.core.permissions.sandbox.SandboxPlan;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.ContentItem;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.item.UserInput;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.TurnContextItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #4 parts 2 and 5, spec §3.5 checks 1–5 at the host/session level: what {@code thread/start} and
 * {@code turn/start} with {@code runtimeWorkspaceRoots} / {@code permissions} do to a hosted thread (through
 * {@code TurnstileHost.configurationFor} and {@code TurnstileHost.turnPermissionOverrides}, what the app-server
 * calls), what the thread keeps, and what its turns tell the model.
 */
class PermissionWiringTest {
    private static final String DEV_WRITES_WORKSPACE_ROOTS = """
            default_permissions = "dev"
            [permissions.dev.filesystem.":workspace_roots"]
            "." = "write"
            """;

    @TempDir
    Path temp;

    private static PermissionsConfig config(String toml, Path home) {
        return PermissionsConfig.parse(toml, "config.toml", home);
    }

    private static SessionSnapshot inspect(SessionHarness session) throws Exception {
        return session.host.inspectWithHistory(session.thread).get(30, TimeUnit.SECONDS);
    }

    /** The text of the newest {@code <permissions instructions>} developer message in the model-visible history. */
    private static String latestPermissionsInstructions(SessionSnapshot snapshot) {
        String latest = null;
        for (ResponseItem item : snapshot.history()) {
            if (item instanceof ResponseItem.Message message && "developer".equals(message.role())) {
                for (ContentItem part : message.content()) {
                    if (part instanceof ContentItem.InputText text
                            && text.text().startsWith("<permissions instructions>")) {
                        latest = text.text();
                    }
                }
            }
        }
        assertThat(latest).as("a permissions instructions message").isNotNull();
        return latest;
    }

    private static long permissionsMessages(SessionSnapshot snapshot) {
        return snapshot.history().stream().filter(item -> item instanceof ResponseItem.Message message
                && "developer".equals(message.role()) && message.content().stream().anyMatch(part ->
                part instanceof ContentItem.InputText text && text.text().startsWith("<permissions instructions>")))
                .count();
    }

    /** Runs a turn carrying {@code overrides}; returns the thread's state while the model is being asked. */
    private static SessionSnapshot turn(SessionHarness session, ControlledModel model, String id,
                                        TurnPermissionOverrides overrides) throws Exception {
        session.submit(id, overrides.toOp(List.of(UserInput.text("turn " + id)), null));
        model.nextRequest();
        SessionSnapshot during = inspect(session);
        model.answerText("done " + id);
        session.await("task_complete");
        return during;
    }

    /**
     * §3.5 check 1, {@code thread_start.rs::thread_start_resolves_runtime_workspace_roots_against_cwd}: the roots
     * resolve against the thread's cwd and are then exactly its runtime roots (the cwd itself is not added).
     */
    @Test
    void thread_start_resolves_runtime_workspace_roots_against_cwd() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("C"));
        Path extra = Files.createDirectories(cwd.resolve("extra-root"));
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model, host -> host,
                host -> host.configurationFor(cwd.toString(), List.of("extra-root"), null))) {
            SessionConfiguration config = inspect(session).configuration();
            assertThat(config.cwd()).isEqualTo(cwd.toString());
            assertThat(config.workspaceRoots()).containsExactly(extra.toString());

            SessionSnapshot during = turn(session, model, "1", TurnPermissionOverrides.NONE);
            assertThat(latestPermissionsInstructions(during)).contains(extra.toString())
                    .doesNotContain("`" + cwd + "`");
        }
    }

    /**
     * §3.5 check 2, {@code thread_start.rs::thread_start_excludes_profile_workspace_roots_from_runtime_workspace_roots}:
     * the profile's own root is writable, yet never reported among the runtime roots.
     */
    @Test
    void thread_start_excludes_profile_workspace_roots_from_runtime_workspace_roots() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("C"));
        Path profileRoot = Files.createDirectories(temp.resolve("P"));
        PermissionsConfig permissions = config("default_permissions = \"dev\"\n"
                + "[permissions.dev.workspace_roots]\n\"" + profileRoot + "\" = true\n"
                + "[permissions.dev.filesystem.\":workspace_roots\"]\n\".\" = \"write\"\n", temp);
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model, host -> host.withPermissions(permissions),
                host -> host.configurationFor(cwd.toString(), null, null))) {
            SessionConfiguration config = inspect(session).configuration();
            assertThat(config.workspaceRoots()).containsExactly(cwd.toString());
            assertThat(config.profileWorkspaceRoots()).containsExactly(profileRoot.toString());
            assertThat(config.activePermissionProfile()).isEqualTo(new ActivePermissionProfile("dev"));
            assertThat(config.permissions().realize().isWritable(profileRoot)).isTrue();
            EventMsg.SessionConfigured configured = (EventMsg.SessionConfigured) session.configured.msg();
            assertThat(configured.activePermissionProfile()).isEqualTo(new ActivePermissionProfile("dev"));

            SessionSnapshot during = turn(session, model, "1", TurnPermissionOverrides.NONE);
            assertThat(latestPermissionsInstructions(during)).contains("`" + cwd + "`")
                    .contains("`" + profileRoot + "`").contains("Permission profile: `dev`");
        }
    }

    /**
     * §3.5 check 3, {@code thread_resume.rs::turn_start_updates_runtime_workspace_roots_for_loaded_thread}: a
     * turn's runtime roots ({@code E} and {@code E/.} are one) persist on the loaded thread for later turns.
     */
    @Test
    void turn_start_updates_runtime_workspace_roots_for_loaded_thread() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("cwd"));
        Path e = Files.createDirectories(temp.resolve("E"));
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model, cwd.toString())) {
            TurnPermissionOverrides overrides = session.host.turnPermissionOverrides(cwd.toString(), null,
                    List.of(e.toString(), e + "/."), null);
            assertThat(overrides.workspaceRoots()).containsExactly(e.toString());

            turn(session, model, "1", overrides);
            turn(session, model, "2", TurnPermissionOverrides.NONE);

            SessionConfiguration config = inspect(session).configuration();
            assertThat(config.workspaceRoots()).as("what resume of the loaded thread reports")
                    .containsExactly(e.toString());
            // :workspace also writes /tmp, where these directories live: realised without temporary directories.
            SandboxPlan plan = config.permissions().realize(SandboxEnvironment.none());
            assertThat(plan.isWritable(e)).isTrue();
            assertThat(plan.isWritable(cwd)).isFalse();
        }
    }

    /**
     * §3.5 check 4, {@code turn_start.rs::turn_start_permission_profile_rebinds_runtime_workspace_roots_between_turns}:
     * turn 1 selects {@code dev} with roots [OLD], so its permissions instructions name OLD and not NEW; turn 2
     * sends only roots [NEW], and since the profile stayed symbolic its instructions name NEW and not OLD.
     */
    @Test
    void turn_start_permission_profile_rebinds_runtime_workspace_roots_between_turns() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("cwd"));
        Path oldRoot = Files.createDirectories(temp.resolve("OLD"));
        Path newRoot = Files.createDirectories(temp.resolve("NEW"));
        PermissionsConfig permissions = config(DEV_WRITES_WORKSPACE_ROOTS, temp);
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model, host -> host.withPermissions(permissions),
                host -> host.configurationFor(cwd.toString(), null, null))) {
            SessionSnapshot turn1 = turn(session, model, "1", session.host.turnPermissionOverrides(cwd.toString(),
                    null, List.of(oldRoot.toString()), "dev"));
            assertThat(latestPermissionsInstructions(turn1)).contains(oldRoot.toString())
                    .doesNotContain(newRoot.toString());

            SessionSnapshot turn2 = turn(session, model, "2", session.host.turnPermissionOverrides(cwd.toString(),
                    null, List.of(newRoot.toString()), null));
            assertThat(latestPermissionsInstructions(turn2)).contains(newRoot.toString())
                    .doesNotContain(oldRoot.toString());
            assertThat(permissionsMessages(turn2)).as("turn 2 recorded an updated permissions message")
                    .isEqualTo(permissionsMessages(turn1) + 1);

            SessionConfiguration config = inspect(session).configuration();
            assertThat(config.activePermissionProfile()).isEqualTo(new ActivePermissionProfile("dev"));
            assertThat(config.permissionProfile().toString()).as("the stored profile is symbolic")
                    .contains("project_roots").doesNotContain(newRoot.toString());
            SandboxPlan plan = config.permissions().realize();
            assertThat(plan.isWritable(newRoot)).isTrue();
            assertThat(plan.isWritable(oldRoot)).isFalse();
        }
    }

    /**
     * §3.5 check 5, {@code session_configuration_apply_retargets_implicit_workspace_root_on_cwd_update}: a cwd-only
     * update retargets the implicit cwd root and keeps the extra root; the next turn says so.
     */
    @Test
    void session_configuration_apply_retargets_implicit_workspace_root_on_cwd_update() throws Exception {
        Path oldCwd = Files.createDirectories(temp.resolve("old-cwd"));
        Path newCwd = Files.createDirectories(temp.resolve("new-cwd"));
        Path extra = Files.createDirectories(temp.resolve("extra"));
        PermissionsConfig permissions = config(DEV_WRITES_WORKSPACE_ROOTS, temp);
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model, host -> host.withPermissions(permissions),
                host -> host.configurationFor(oldCwd.toString(), List.of(oldCwd.toString(), extra.toString()),
                        null))) {
            turn(session, model, "1", TurnPermissionOverrides.NONE);
            session.submit("cd", new Op.OverrideTurnContext(newCwd.toString(), null, null, null, null, null, null,
                    null, null, null, null, null));
            SessionSnapshot turn2 = turn(session, model, "2", TurnPermissionOverrides.NONE);

            SessionConfiguration config = turn2.configuration();
            assertThat(config.cwd()).isEqualTo(newCwd.toString());
            assertThat(config.workspaceRoots()).containsExactly(newCwd.toString(), extra.toString());
            SandboxPlan plan = config.permissions().realize();
            assertThat(plan.isWritable(newCwd)).isTrue();
            assertThat(plan.isWritable(extra)).isTrue();
            assertThat(plan.isWritable(oldCwd)).isFalse();
            assertThat(latestPermissionsInstructions(turn2)).contains(newCwd.toString()).contains(extra.toString())
                    .doesNotContain(oldCwd.toString());
        }
    }

    /** Issue #4 part 4: each {@code turn_context} line records the thread's roots and profile id. */
    @Test
    void everyTurnContextRecordsTheRuntimeRootsTheProfileRootsAndTheProfileId() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("cwd"));
        Path root = Files.createDirectories(temp.resolve("R"));
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model,
                host -> host.withPermissions(config(DEV_WRITES_WORKSPACE_ROOTS, temp)),
                host -> host.configurationFor(cwd.toString(), List.of(root.toString()), null))) {
            turn(session, model, "1", TurnPermissionOverrides.NONE);
            TurnContextItem context = session.rollout().stream()
                    .filter(item -> item instanceof RolloutItem.TurnContextLine)
                    .map(item -> ((RolloutItem.TurnContextLine) item).payload()).findFirst().orElseThrow();
            assertThat(context.unknownFields().get("workspace_roots").toString()).isEqualTo("[\"" + root + "\"]");
            assertThat(context.unknownFields().get("profile_workspace_roots").toString()).isEqualTo("[]");
            assertThat(context.unknownFields().get("active_permission_profile").get("id").asText()).isEqualTo("dev");
            assertThat(context.permissionProfile().toString()).contains("project_roots");
        }
    }

    /** {@code thread/start} with a profile id the configuration does not define fails with a clear message. */
    @Test
    void anUnknownProfileIdIsRefusedWhenTheThreadStarts() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model,
                host -> host.withPermissions(config(DEV_WRITES_WORKSPACE_ROOTS, temp)),
                host -> host.configurationFor(temp.toString(), null, ":workspace"))) {
            assertThat(inspect(session).configuration().activePermissionProfile())
                    .isEqualTo(new ActivePermissionProfile(":workspace"));
            assertThatThrownBy(() -> session.host.configurationFor(temp.toString(), null, "nope"))
                    .isInstanceOf(PermissionException.class)
                    .hasMessage("default_permissions refers to undefined profile `nope`");
            assertThatThrownBy(() -> session.host.turnPermissionOverrides(temp.toString(), null, null, ":nope"))
                    .isInstanceOf(PermissionException.class)
                    .hasMessage("default_permissions refers to unknown built-in profile `:nope`");
        }
    }
}
