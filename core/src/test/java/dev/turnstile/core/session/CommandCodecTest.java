package dev.turnstile.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.permissions.PermissionState;
import dev.turnstile.core.permissions.ThreadPermissions;
import dev.turnstile.core.permissions.ThreadStart;
import dev.turnstile.core.permissions.config.PermissionsConfig;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import dev.turnstile.core.turn.model.ModelOutput;
import dev.turnstile.core.turn.model.ModelResponse;
import dev.turnstile.core.turn.model.ModelUsage;
import dev.turnstile.core.turn.tool.ToolOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal keeps commands as JSON; replay must get back exactly what was applied. */
class CommandCodecTest {

    @Test
    void everyJournaledCommandRoundTrips() throws Exception {
        List<Command> commands = List.of(
                new Command.Client(new Submission("s1", Op.UserInput.text("hello"))),
                new Command.StartThread(new ThreadSpec("t1", SessionConfiguration.defaults("m", "p", "/repo")), null),
                new Command.ModelStepCompleted("turn", 3, new ModelResponse(List.of(
                        new ModelOutput.Reasoning("thinking"),
                        new ModelOutput.AssistantMessage("hi there", List.of("hi", " there"), "final_answer"),
                        new ModelOutput.FunctionCall("call_1", "shell", "{\"command\":[\"ls\"]}")),
                        new ModelUsage(10, 2, 5, 1))),
                new Command.ModelStepFailed("turn", 4, "stream disconnected"),
                new Command.ToolCompleted("turn", "call_1", new ToolOutcome(0, "out", "err", 12, null)),
                new Command.CloseChannel());
        for (Command command : commands) {
            byte[] json = CommandCodec.shared().toBytes(command);
            assertThat(CommandCodec.shared().read(json)).as(new String(json)).isEqualTo(command);
        }
        assertThat(new String(CommandCodec.shared().toBytes(commands.get(0))))
                .startsWith("{\"command\":\"client\",\"submission\":{\"id\":\"s1\",\"op\":{\"type\":\"user_input\"");
    }

    /** Issue #4 part 4: a thread's permissions survive the journal's JSON exactly (profile, id, both root kinds). */
    @Test
    void aThreadSpecKeepsItsPermissionsThroughTheJournalsJson(@TempDir Path temp) throws Exception {
        PermissionsConfig config = PermissionsConfig.parse("""
                [permissions.dev.workspace_roots]
                "shared" = true
                [permissions.dev.filesystem]
                ":root" = "read"
                "/secrets" = "none"
                [permissions.dev.filesystem.":workspace_roots"]
                "." = "write"
                ".git" = "read"
                """, "config.toml", temp);
        ThreadPermissions permissions = ThreadPermissions.start(config, ThreadStart.in(Path.of("/repo"))
                .withPermissions("dev").withRuntimeWorkspaceRoots(List.of("/repo", "/extra")));
        Command start = new Command.StartThread(new ThreadSpec("t1",
                SessionConfiguration.defaults("m", "p", permissions)), null);

        byte[] json = CommandCodec.shared().toBytes(start);
        Command read = CommandCodec.shared().read(json);

        assertThat(read).as(new String(json)).isEqualTo(start);
        SessionConfiguration restored = ((Command.StartThread) read).spec().configuration();
        assertThat(restored.workspaceRoots()).containsExactly("/repo", "/extra");
        assertThat(restored.profileWorkspaceRoots()).containsExactly("/repo/shared");
        assertThat(restored.activePermissionProfile()).isEqualTo(new ActivePermissionProfile("dev"));
        assertThat(new String(json)).contains("\"cwd\":\"/repo\"").doesNotContain("sandbox_policy");
    }

    /** A configuration stored before permissions had profiles (a sandbox policy, no profile) reads as legacy. */
    @Test
    void aConfigurationStoredWithOnlyASandboxPolicyReadsAsLegacyPermissions() throws Exception {
        String old = """
                {"command":"start_thread","spec":{"thread_id":"t1","configuration":{"model":"m",
                "model_provider_id":"p","cwd":"/repo","approval_policy":"on-request","approvals_reviewer":"user",
                "sandbox_policy":{"type":"read-only"},"workspace_roots":["/repo"],"profile_workspace_roots":[],
                "reasoning_summary":"auto","collaboration_mode":{"mode":"default","settings":{"model":"m"}},
                "model_context_window":258400},"ephemeral":false}}""";
        Command read = CommandCodec.shared().read(old.replace("\n", "").getBytes(StandardCharsets.UTF_8));

        SessionConfiguration config = ((Command.StartThread) read).spec().configuration();
        assertThat(config.permissions().state()).isInstanceOf(PermissionState.Legacy.class);
        assertThat(config.sandboxPolicy()).isEqualTo(SandboxPolicy.readOnly());
        assertThat(config.workspaceRoots()).containsExactly("/repo");
    }

    @Test
    void subscriptionsAreNotJournaled() {
        assertThat(new Command.Subscribe((id, n, e) -> true).journaled()).isFalse();
        assertThat(new Command.CloseChannel().journaled()).isTrue();
    }

    @Test
    void aSubmissionWithItsWireBytesIsJournaledAsSentAndReadsBackTheSame() throws Exception {
        String wire = "{\"id\":\"7\",\"op\":{\"type\":\"interrupt\"}}";
        Command.Client client = new Command.Client(new Submission("7", new Op.Interrupt()),
                wire.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] json = CommandCodec.shared().toBytes(client);
        assertThat(new String(json)).isEqualTo("{\"command\":\"client\",\"submission\":" + wire + "}");
        assertThat(CommandCodec.shared().read(json)).isEqualTo(new Command.Client(new Submission("7",
                new Op.Interrupt())));
    }
}
