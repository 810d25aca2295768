package dev.turnstile.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./turnstile replay}: offline debugging of a journal, end to end through the command line. */
class ReplayCommandTest {
    private static final String CODEX_THREAD = "01a20fc9-6397-7392-a885-f3235ef3cfcc";
    private StringWriter out;
    private StringWriter err;

    @TempDir
    Path data;

    private int execute(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine command = TurnstileCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    static Path fixture(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/codex-0.169/rollouts").resolve(name);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("fixture " + name + " not found");
    }

    @BeforeEach
    void importACodexThread() {
        int exit = execute("replay", "import", fixture("exec-2turns-hello.rollout.jsonl").toString(),
                "--data", data.toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("24 line(s) into thread " + CODEX_THREAD + " (new thread)");
    }

    @Test
    void listShowsTheThreadWithItsTurns() throws Exception {
        assertThat(execute("replay", "list", "--data", data.toString())).isZero();
        assertThat(out.toString()).contains(CODEX_THREAD).contains("1 thread(s)");
        assertThat(execute("replay", "list", "--json", "--data", data.toString())).isZero();
        JsonNode threads = new ObjectMapper().readTree(out.toString());
        assertThat(threads).hasSize(1);
        assertThat(threads.get(0).get("turns").asLong()).isEqualTo(2);
    }

    @Test
    void showGivesATimelineWithJournalPositions() throws Exception {
        assertThat(execute("replay", "show", CODEX_THREAD, "--data", data.toString())).isZero();
        assertThat(out.toString()).contains("thread_started").contains("session_meta").contains("── turn ")
                .contains("message user: \"say hello\"").contains("task_complete");
        assertThat(execute("replay", "show", CODEX_THREAD, "--json", "--data", data.toString())).isZero();
        JsonNode records = new ObjectMapper().readTree(out.toString());
        assertThat(records).hasSize(25);
        assertThat(records.get(1).get("payload").get("type").asText()).isEqualTo("session_meta");
    }

    @Test
    void stateAndDiffShowWhatTheModelSawAtARecord() throws Exception {
        assertThat(execute("replay", "state", CODEX_THREAD, "--at", "14", "--data", data.toString())).isZero();
        JsonNode state = new ObjectMapper().readTree(out.toString());
        assertThat(state.get("history")).hasSize(4);
        assertThat(state.get("configuration").get("model").asText()).isEqualTo("mock-model");

        assertThat(execute("replay", "diff", CODEX_THREAD, "--from", "14", "--data", data.toString())).isZero();
        JsonNode diff = new ObjectMapper().readTree(out.toString());
        assertThat(diff.get("history").get("common_prefix").asInt()).isEqualTo(4);
        assertThat(diff.get("history").get("added")).hasSize(2);
    }

    @Test
    void exportGivesTheImportedLinesBack() throws Exception {
        Path file = data.resolveSibling(data.getFileName() + "-export.jsonl");
        assertThat(execute("replay", "export", CODEX_THREAD, "--out", file.toString(), "--data", data.toString()))
                .isZero();
        List<String> original = Files.readAllLines(fixture("exec-2turns-hello.rollout.jsonl")).stream()
                .filter(line -> !line.isBlank()).toList();
        assertThat(Files.readAllLines(file)).isEqualTo(original);
    }

    @Test
    void unknownThreadsAndMissingJournalsAreClearErrors() {
        assertThat(execute("replay", "show", "01a20fc9-0000-7000-8000-000000000000", "--data", data.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("no thread `01a20fc9-0000-7000-8000-000000000000`")
                .contains("replay list");
        assertThat(execute("replay", "list", "--data", data.resolve("nowhere").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no journal in");
        assertThat(execute("replay", "state", CODEX_THREAD, "--at", "999", "--data", data.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("has no record 999");
    }
}
