package dev.turnstile.journal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.permissions.PermissionState;
import dev.turnstile.core.permissions.ProfileResolver;
import dev.turnstile.core.permissions.config.PermissionsConfig;
import dev.turnstile.core.permissions.wire.PermissionProfileJson;
import dev.turnstile.core.pipeline.EventSubscriber;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.item.ContentItem;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.item.UserInput;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.session.SessionConfiguration;
import dev.turnstile.core.session.SessionSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #4 part 4: a thread's runtime workspace roots, its selected profile's id and that profile's own roots are
 * journaled with each turn ({@code turn_context}), so resume after a restart and fork restore them (spec §2.11,
 * §3.5 check 3 for a thread that is no longer loaded; upstream persists {@code workspace_roots} from Appendix A).
 */
class PermissionsResumeTest {

    @TempDir
    Path paths;

    private static SessionSnapshot inspect(JournalHarness harness, ThreadHandle thread) throws Exception {
        return harness.host.inspectWithHistory(thread).get(30, TimeUnit.SECONDS);
    }

    private static long permissionsMessages(SessionSnapshot snapshot) {
        return snapshot.history().stream().filter(item -> item instanceof ResponseItem.Message message
                && "developer".equals(message.role()) && message.content().stream().anyMatch(part ->
                part instanceof ContentItem.InputText text && text.text().startsWith("<permissions instructions>")))
                .count();
    }

    /** A turn as the app-server submits {@code turn/start} with {@code runtimeWorkspaceRoots} and a resolved profile. */
    private static void turn(JournalHarness harness, ThreadHandle thread, String id, List<Path> roots,
                             PermissionState profile) throws InterruptedException {
        harness.host.submit(thread, new Submission(id, new Op.UserInputWithTurnContext(
                List.of(UserInput.text("turn " + id)), null, null, null, null,
                roots.stream().map(Path::toString).toList(),
                profile == null ? null : profile.profileWorkspaceRoots().stream().map(Path::toString).toList(),
                null, null, null, profile == null ? null : PermissionProfileJson.toJson(profile.profile()),
                profile == null ? null : profile.activeProfile().orElseThrow(), null, null, null, null, null, null,
                null)));
        harness.await("task_complete");
    }

    @Test
    void runtimeRootsAndTheProfileIdSurviveResumeAndFork(@TempDir Path data) throws Exception {
        Path profileRoot = Files.createDirectories(paths.resolve("shared"));
        Path first = Files.createDirectories(paths.resolve("first"));
        Path second = Files.createDirectories(paths.resolve("second"));
        PermissionsConfig config = PermissionsConfig.parse("[permissions.dev.workspace_roots]\n\"" + profileRoot
                + "\" = true\n[permissions.dev.filesystem.\":workspace_roots\"]\n\".\" = \"write\"\n", "config.toml",
                paths);
        PermissionState dev = ProfileResolver.resolve(config, "dev", Path.of("/repo"));

        String threadId;
        SessionConfiguration before;
        long messagesBefore;
        try (JournalHarness running = new JournalHarness(data, 2, new RecordingModel())) {
            ThreadHandle thread = running.startThread();
            threadId = thread.threadId();
            turn(running, thread, "1", List.of(first), dev);
            turn(running, thread, "2", List.of(second), null);
            SessionSnapshot snapshot = inspect(running, thread);
            before = snapshot.configuration();
            messagesBefore = permissionsMessages(snapshot);
            assertThat(before.workspaceRoots()).containsExactly(second.toString());
            assertThat(before.activePermissionProfile()).isEqualTo(new ActivePermissionProfile("dev"));
        }

        try (JournalHarness restarted = new JournalHarness(data, 2, new RecordingModel())) {
            ThreadHandle thread = restarted.resume(threadId);
            SessionConfiguration resumed = inspect(restarted, thread).configuration();
            assertThat(resumed.workspaceRoots()).as("the roots of the newest turn").containsExactly(second.toString());
            assertThat(resumed.profileWorkspaceRoots()).containsExactly(profileRoot.toString());
            assertThat(resumed.activePermissionProfile()).isEqualTo(new ActivePermissionProfile("dev"));
            assertThat(resumed.permissions()).isEqualTo(before.permissions());
            assertThat(resumed.permissions().realize().writableRootPaths()).containsExactlyInAnyOrder(second, profileRoot);

            // Nothing moved, so the resumed thread's next turn tells the model nothing new about permissions.
            restarted.turn(thread, "3", "after the restart");
            assertThat(permissionsMessages(inspect(restarted, thread))).isEqualTo(messagesBefore);

            BlockingQueue<Event> childEvents = new LinkedBlockingQueue<>();
            EventSubscriber subscriber = (id, n, event) -> childEvents.add(event);
            ThreadHandle afterTurnOne = restarted.host.forkThread(threadId, "1", null, subscriber);
            ThreadHandle fromHead = restarted.host.forkThread(threadId, null, null, subscriber);
            restarted.drain();
            SessionConfiguration forkedEarly = inspect(restarted, afterTurnOne).configuration();
            assertThat(forkedEarly.workspaceRoots()).as("a fork after turn 1 has turn 1's roots")
                    .containsExactly(first.toString());
            assertThat(forkedEarly.activePermissionProfile()).isEqualTo(new ActivePermissionProfile("dev"));
            SessionConfiguration forkedAtHead = inspect(restarted, fromHead).configuration();
            assertThat(forkedAtHead.workspaceRoots()).containsExactly(second.toString());
            assertThat(forkedAtHead.permissions()).isEqualTo(before.permissions());
        }
    }
}
