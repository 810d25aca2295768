package dev.turnstile.journal.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.host.HostConfig;
import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.core.pipeline.PipelineConfig;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.pipeline.WaitStrategyKind;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.session.SessionSnapshot;
import dev.turnstile.core.turn.model.ModelClients;
import dev.turnstile.journal.queue.Durability;
import dev.turnstile.journal.replay.ThreadState;
import dev.turnstile.journal.store.ChronicleJournal;
import dev.turnstile.journal.store.JournalConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's crash test: a child JVM under load is killed with {@code kill -9} several times at random moments;
 * after each kill every acknowledged turn is in the journal, and every thread resumes (in a live host) to the same
 * state as a clean offline rebuild of its journal.
 */
class KillNineTest {
    private static final int ROUNDS = 3;

    @Test
    void everyAcknowledgedTurnSurvivesKillNineAndThreadsResumeToTheirJournaledState(@TempDir Path data)
            throws Exception {
        Random random = new Random(20261125L);
        Map<String, Set<String>> acked = new HashMap<>();
        List<String> threads = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            int killAfter = 20 + random.nextInt(150);
            runAndKill(data, round == 0 ? 4 : 2, threads, acked, killAfter);
            verify(data, acked);
        }
        assertThat(threads).hasSizeGreaterThanOrEqualTo(4);
    }

    /** Starts the workload (resuming every thread so far plus some new ones), kills it after enough acks. */
    private static void runAndKill(Path data, int newThreads, List<String> threads, Map<String, Set<String>> acked,
                                   int killAfter) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-") || flag.startsWith("--enable-native") || flag.startsWith("--sun-misc")
                    || flag.startsWith("-Dchronicle")) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CrashWorkload.class.getName(), data.toString(), Integer.toString(newThreads)));
        command.addAll(threads);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            int seen = 0;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    if (acked.computeIfAbsent(parts[1], k -> new HashSet<>()).add(parts[2]) && !threads.contains(
                            parts[1])) {
                        threads.add(parts[1]);
                    }
                    if (++seen >= killAfter) {
                        break;
                    }
                }
            }
            assertThat(seen).as("the workload acknowledged turns before it was killed").isGreaterThanOrEqualTo(
                    killAfter);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no index file written
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void verify(Path data, Map<String, Set<String>> acked) throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(new JournalConfig(data, 2, Durability.OS, "verify"),
                n -> { })) {
            Map<String, SessionSnapshot> offline = new HashMap<>();
            for (Map.Entry<String, Set<String>> thread : acked.entrySet()) {
                List<RolloutItem> items = journal.read(thread.getKey());
                assertThat(items).as("thread %s is in the journal", thread.getKey()).isNotNull();
                Set<String> completed = new HashSet<>();
                for (RolloutItem item : items) {
                    if (item instanceof RolloutItem.EventMsgLine line && line.payload() instanceof EventMsg.TurnComplete c) {
                        completed.add(c.turnId());
                    }
                }
                assertThat(completed).as("acknowledged turns of %s", thread.getKey()).containsAll(thread.getValue());
                var state = ThreadState.at(journal, thread.getKey(), null).state();
                List<ResponseItem> expected = new ArrayList<>(state.rebuilt().history());
                offline.put(thread.getKey(), new SessionSnapshot(thread.getKey(), state.configuration(), expected, expected.size(),
                        null, state.tokenInfo(), state.unfinishedTurn(), null, 0, 0, null));
            }
            TurnstileHost host = TurnstileHost.start(HostConfig.of(new PipelineConfig(2, 1024,
                    WaitStrategyKind.BLOCKING), ModelClients.fromSpec("echo")).withRollouts(journal));
            try {
                for (String threadId : acked.keySet()) {
                    ThreadHandle thread = host.resumeThread(threadId, null);
                    SessionSnapshot live = host.inspectWithHistory(thread).get(30, TimeUnit.SECONDS);
                    SessionSnapshot clean = offline.get(threadId);
                    List<ResponseItem> liveHistory = live.history();
                    if (clean.activeTurnId() != null) {
                        // The live resume records the unfinished turn's <turn_aborted> marker; nothing else differs.
                        assertThat(((ResponseItem.Message) liveHistory.get(liveHistory.size() - 1)).joinedText())
                                .startsWith("<turn_aborted>");
                        liveHistory = liveHistory.subList(0, liveHistory.size() - 1);
                    }
                    assertThat(liveHistory).as("history of %s", threadId).isEqualTo(clean.history());
                    assertThat(live.configuration()).isEqualTo(clean.configuration());
                    assertThat(live.tokenInfo()).isEqualTo(clean.tokenInfo());
                }
            } finally {
                host.close();
            }
        }
    }
}
