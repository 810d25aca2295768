package dev.turnstile.server.appserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.permissions.config.PermissionsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runtimeWorkspaceRoots} and {@code permissions} through the app-server (issue #4 part 5; spec §3.4, the PR
 * #22611 checks of §3.5 that the app-server answers for).
 */
class PermissionsOverAppServerTest {

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(value -> out.add(value.asText()));
        return out;
    }

    private static ObjectNode legacyProfile(ObjectNode params, String id, Path additionalRoot) {
        ObjectNode permissions = params.putObject("permissions").put("type", "profile").put("id", id);
        permissions.putArray("modifications").addObject().put("type", "additionalWritableRoot")
                .put("path", additionalRoot.toString());
        return params;
    }

    private static String completedTurn(RpcClient client, ObjectNode params) {
        String turn = client.call("turn/start", params).at("/turn/id").asText();
        JsonNode done = client.next(m -> "turn/completed".equals(m.path("method").asText())
                && m.at("/params/turn/id").asText().equals(turn));
        assertThat(done.at("/params/turn/status").asText()).isEqualTo("completed");
        return turn;
    }

    /** §3.5 check 1, {@code thread_start_resolves_runtime_workspace_roots_against_cwd}. */
    @Test
    void threadStartResolvesRuntimeWorkspaceRootsAgainstItsCwd(@TempDir Path data, @TempDir Path work)
            throws Exception {
        Path cwd = Files.createDirectories(work.resolve("C"));
        Files.createDirectories(cwd.resolve("extra-root"));
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(true);
            ObjectNode params = RpcClient.params().put("cwd", cwd.toString());
            params.putArray("runtimeWorkspaceRoots").add("extra-root");
            JsonNode started = client.call("thread/start", params);
            assertThat(started.get("cwd").asText()).isEqualTo(cwd.toString());
            assertThat(strings(started.get("runtimeWorkspaceRoots")))
                    .containsExactly(cwd.resolve("extra-root").toString());
        }
    }

    /** §3.5 check 2, {@code thread_start_excludes_profile_workspace_roots_from_runtime_workspace_roots}. */
    @Test
    void profileRootsAreNeverReportedAsRuntimeRoots(@TempDir Path data, @TempDir Path work) throws Exception {
        Path profileRoot = Files.createDirectories(work.resolve("P"));
        Path cwd = Files.createDirectories(work.resolve("C"));
        PermissionsConfig config = PermissionsConfig.parse("""
                default_permissions = "dev"
                [permissions.dev.workspace_roots]
                "%s" = true
                [permissions.dev.filesystem.":workspace_roots"]
                "." = "write"
                """.formatted(profileRoot), "config.toml", work);
        try (ServerFixture fixture = new ServerFixture(data, config);
             StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(true);
            JsonNode started = client.call("thread/start", RpcClient.params().put("cwd", cwd.toString()));
            assertThat(strings(started.get("runtimeWorkspaceRoots"))).containsExactly(cwd.toString());
            assertThat(started.at("/activePermissionProfile/id").asText()).isEqualTo("dev");
            assertThat(strings(started.at("/sandbox/writableRoots"))).as("the profile root is writable")
                    .contains(profileRoot.toString());
        }
    }

    /** §3.5 check 3, {@code turn_start_updates_runtime_workspace_roots_for_loaded_thread}. */
    @Test
    void aTurnsRuntimeRootsPersistAndAreWhatResumeReports(@TempDir Path data, @TempDir Path work) throws Exception {
        Path extra = Files.createDirectories(work.resolve("E"));
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(true);
            String thread = client.call("thread/start", RpcClient.params().put("model", "gpt-5.4"))
                    .at("/thread/id").asText();
            ObjectNode turn = RpcClient.text(RpcClient.params().put("threadId", thread), "Hello");
            turn.putArray("runtimeWorkspaceRoots").add(extra.toString()).add(extra + "/.");
            completedTurn(client, turn);
            JsonNode resumed = client.call("thread/resume", RpcClient.params().put("threadId", thread)
                    .put("excludeTurns", true));
            assertThat(strings(resumed.get("runtimeWorkspaceRoots"))).containsExactly(extra.toString());
            // The next turn without roots keeps them.
            completedTurn(client, RpcClient.text(RpcClient.params().put("threadId", thread), "again"));
            assertThat(strings(client.call("thread/resume", RpcClient.params().put("threadId", thread)
                    .put("excludeTurns", true)).get("runtimeWorkspaceRoots"))).containsExactly(extra.toString());
        }
    }

    /** §3.5 check 6, {@code permission_profile_selection_accepts_legacy_object_shape}: start, turn, fork, resume. */
    @Test
    void theLegacyProfileObjectIsAcceptedEverywhere(@TempDir Path data, @TempDir Path work) throws Exception {
        Path cwd = Files.createDirectories(work.resolve("C"));
        Path added = Files.createDirectories(work.resolve("additional-root"));
        Path other = Files.createDirectories(work.resolve("other-root"));
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(true);
            // No explicit roots: the modification is an additional writable root next to the cwd.
            JsonNode started = client.call("thread/start", legacyProfile(RpcClient.params()
                    .put("cwd", cwd.toString()), ":workspace", added));
            assertThat(strings(started.get("runtimeWorkspaceRoots"))).containsExactly(cwd.toString(), added.toString());
            assertThat(started.at("/activePermissionProfile/id").asText()).isEqualTo(":workspace");
            String thread = started.at("/thread/id").asText();

            // With explicit roots, it is appended to them.
            ObjectNode turn = legacyProfile(RpcClient.text(RpcClient.params().put("threadId", thread), "hi"),
                    ":read-only", added);
            turn.putArray("runtimeWorkspaceRoots").add(other.toString());
            completedTurn(client, turn);
            JsonNode resumed = client.call("thread/resume", legacyProfile(RpcClient.params()
                    .put("threadId", thread).put("excludeTurns", true), ":read-only", added));
            assertThat(strings(resumed.get("runtimeWorkspaceRoots"))).containsExactly(other.toString(),
                    added.toString());
            assertThat(resumed.at("/activePermissionProfile/id").asText()).isEqualTo(":read-only");

            JsonNode fork = client.call("thread/fork", legacyProfile(RpcClient.params().put("threadId", thread)
                    .put("excludeTurns", true), ":workspace", added));
            assertThat(fork.at("/thread/forkedFromId").asText()).isEqualTo(thread);
            assertThat(fork.at("/activePermissionProfile/id").asText()).isEqualTo(":workspace");
            assertThat(strings(fork.get("runtimeWorkspaceRoots"))).containsExactly(cwd.toString(), added.toString());
        }
    }

    @Test
    void permissionsCannotBeCombinedWithASandbox(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(true);
            JsonNode start = client.callError("thread/start", RpcClient.params().put("permissions", ":workspace")
                    .put("sandbox", "read-only"));
            assertThat(start.get("code").asInt()).isEqualTo(-32600);
            assertThat(start.get("message").asText()).isEqualTo("`permissions` cannot be combined with `sandbox`");

            String thread = client.call("thread/start", RpcClient.params()).at("/thread/id").asText();
            ObjectNode turn = RpcClient.text(RpcClient.params().put("threadId", thread), "hi")
                    .put("permissions", ":workspace");
            turn.putObject("sandboxPolicy").put("type", "readOnly");
            JsonNode turnError = client.callError("turn/start", turn);
            assertThat(turnError.get("code").asInt()).isEqualTo(-32600);
            assertThat(turnError.get("message").asText())
                    .isEqualTo("`permissions` cannot be combined with `sandboxPolicy`");
            JsonNode fork = client.callError("thread/fork", RpcClient.params().put("threadId", thread)
                    .put("permissions", ":workspace").put("sandbox", "read-only"));
            assertThat(fork.get("message").asText()).isEqualTo("`permissions` cannot be combined with `sandbox`");
        }
    }

    @Test
    void anUnknownProfileIsRefusedBeforeAnythingChanges(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(true);
            JsonNode start = client.callError("thread/start", RpcClient.params().put("permissions", "nope"));
            assertThat(start.get("code").asInt()).isEqualTo(-32600);
            assertThat(start.get("message").asText()).startsWith("invalid permissions `nope`: ");

            String thread = client.call("thread/start", RpcClient.params()).at("/thread/id").asText();
            JsonNode turn = client.callError("turn/start", RpcClient.text(RpcClient.params()
                    .put("threadId", thread), "hi").put("permissions", ":no-such-builtin"));
            assertThat(turn.get("code").asInt()).isEqualTo(-32600);
            assertThat(turn.get("message").asText()).startsWith("invalid turn context override: ")
                    .contains(":no-such-builtin");
            assertThat(client.methodsSeen()).doesNotContain("turn/started");
        }
    }

    @Test
    void theFieldsNeedTheExperimentalApi(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(false);
            ObjectNode params = RpcClient.params();
            params.putArray("runtimeWorkspaceRoots").add("x");
            assertThat(client.callError("thread/start", params).get("message").asText())
                    .isEqualTo("thread/start.runtimeWorkspaceRoots requires experimentalApi capability");
            String thread = client.call("thread/start", RpcClient.params()).at("/thread/id").asText();
            assertThat(client.callError("turn/start", RpcClient.text(RpcClient.params().put("threadId", thread),
                    "hi").put("permissions", ":workspace")).get("message").asText())
                    .isEqualTo("turn/start.permissions requires experimentalApi capability");
        }
    }

    /** Spec §3.4: resuming a loaded thread applies no overrides; what was ignored is said, not silently dropped. */
    @Test
    void resumingALoadedThreadKeepsItsSettingsAndSaysWhatWasIgnored(@TempDir Path data, @TempDir Path work)
            throws Exception {
        Path cwd = Files.createDirectories(work.resolve("C"));
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(true);
            String thread = client.call("thread/start", RpcClient.params().put("cwd", cwd.toString()))
                    .at("/thread/id").asText();
            completedTurn(client, RpcClient.text(RpcClient.params().put("threadId", thread), "hi"));
            ObjectNode resume = RpcClient.params().put("threadId", thread).put("excludeTurns", true)
                    .put("permissions", ":read-only");
            resume.putArray("runtimeWorkspaceRoots").add(elsewhere.toString());
            JsonNode resumed = client.call("thread/resume", resume);
            assertThat(strings(resumed.get("runtimeWorkspaceRoots"))).containsExactly(cwd.toString());
            assertThat(resumed.at("/activePermissionProfile/id").asText()).isEqualTo(":workspace");
            String warning = client.notification("warning").at("/params/message").asText();
            assertThat(warning).contains("already loaded")
                    .contains("runtime_workspace_roots requested=[" + elsewhere + "] active=[" + cwd + "]")
                    .contains("permissions requested=:read-only active=:workspace");
        }
    }

    /** A thread that is not loaded is resumed with the overrides applied on top of what it stored. */
    @Test
    void resumingAnUnloadedThreadAppliesItsOverrides(@TempDir Path data, @TempDir Path work) throws Exception {
        Path cwd = Files.createDirectories(work.resolve("C"));
        Path extra = Files.createDirectories(cwd.resolve("extra"));
        try (ServerFixture fixture = new ServerFixture(data); StdioClient client = new StdioClient(fixture.server)) {
            client.initialize(true);
            String thread = client.call("thread/start", RpcClient.params().put("cwd", cwd.toString()))
                    .at("/thread/id").asText();
            completedTurn(client, RpcClient.text(RpcClient.params().put("threadId", thread), "hi"));
            var loaded = fixture.server.loaded(thread);
            client.call("thread/unsubscribe", RpcClient.params().put("threadId", thread));
            loaded.unloadedFuture().get(RpcClient.WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);

            ObjectNode resume = RpcClient.params().put("threadId", thread).put("permissions", ":read-only");
            resume.putArray("runtimeWorkspaceRoots").add("extra");
            JsonNode resumed = client.call("thread/resume", resume);
            assertThat(strings(resumed.get("runtimeWorkspaceRoots"))).containsExactly(extra.toString());
            assertThat(resumed.at("/activePermissionProfile/id").asText()).isEqualTo(":read-only");
            assertThat(resumed.at("/thread/turns")).hasSize(1);
        }
    }
}
