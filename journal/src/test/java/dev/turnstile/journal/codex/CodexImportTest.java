package dev.turnstile.journal.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.journal.queue.Durability;
import dev.turnstile.journal.replay.CodexExport;
import dev.turnstile.journal.store.ChronicleJournal;
import dev.turnstile.journal.store.JournalConfig;
import dev.turnstile.journal.store.JournalException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3 item 7: the real Codex 0.169 rollout files import, and export back unchanged. */
class CodexImportTest {

    static Path rollouts() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/codex-0.169/rollouts");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Codex 0.169 fixtures not found above " + Path.of("").toAbsolutePath());
    }

    static ChronicleJournal open(Path data) throws Exception {
        return ChronicleJournal.open(new JournalConfig(data, 1, Durability.OS, "test"), n -> { });
    }

    static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    }

    static List<String> export(ChronicleJournal journal, String threadId) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodexExport.write(journal, threadId, out);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aRealRolloutImportsAndExportsLineForLine(@TempDir Path data) throws Exception {
        Path file = rollouts().resolve("exec-2turns-hello.rollout.jsonl");
        try (ChronicleJournal journal = open(data)) {
            CodexImport.Result result = CodexImport.importFile(journal, file, 0);
            assertThat(result.mode()).isEqualTo("new thread");
            assertThat(result.badLines()).isEmpty();
            assertThat(result.imported()).isEqualTo(lines(file).size());
            assertThat(journal.index().find(result.threadId()).turns()).isEqualTo(2);
            assertThat(export(journal, result.threadId())).isEqualTo(lines(file));
        }
    }

    @Test
    void aRevertSegmentContinuesItsThreadAfterTheKeptPrefix(@TempDir Path data) throws Exception {
        Path segment0 = rollouts().resolve("appserver-thread-segment0.rollout.jsonl");
        Path segment1 = rollouts().resolve("appserver-thread-segment1-after-revert.rollout.jsonl");
        try (ChronicleJournal journal = open(data)) {
            assertThatThrownBy(() -> CodexImport.importFile(journal, segment1, 0))
                    .isInstanceOf(JournalException.class)
                    .hasMessageContaining("01a20fca-6c17-7851-a5b0-f3afc4efe301")
                    .hasMessageContaining("import that thread's rollout file first");
            CodexImport.Result first = CodexImport.importFile(journal, segment0, 0);
            CodexImport.Result second = CodexImport.importFile(journal, segment1, 0);
            assertThat(second.threadId()).isEqualTo(first.threadId());
            assertThat(second.mode()).isEqualTo("continued after a revert");

            // The thread's history is segment 0 up to ordinal 13, then segment 1 (ordinals 14...).
            List<String> exported = export(journal, first.threadId());
            List<Long> ordinals = exported.stream()
                    .map(line -> ProtocolCodec.shared().decodeRolloutLine(line))
                    .filter(line -> !(line.item() instanceof RolloutItem.SessionMetaLine))
                    .map(line -> line.ordinal()).toList();
            List<Long> expected = new java.util.ArrayList<>();
            for (long o = 1; o <= 13; o++) {
                expected.add(o);
            }
            for (long o = 15; o <= 41; o++) {
                expected.add(o);
            }
            assertThat(ordinals).isEqualTo(expected);
            assertThat(exported.get(0)).isEqualTo(lines(segment0).get(0));
        }
    }

    @Test
    void badLinesAreCountedAndSkippedAndATornLastLineLosesNothingElse(@TempDir Path data) throws Exception {
        List<String> original = lines(rollouts().resolve("exec-shell-tool-call.rollout.jsonl"));
        StringBuilder damaged = new StringBuilder("\uFEFF");
        for (int i = 0; i < original.size(); i++) {
            damaged.append(original.get(i)).append('\n');
            if (i == 3) {
                damaged.append("this is not json\n");
            }
        }
        damaged.append(original.get(original.size() - 1), 0, 40); // a torn last line
        Path file = Files.writeString(data.resolveSibling(data.getFileName() + "-damaged.jsonl"), damaged);
        try (ChronicleJournal journal = open(data)) {
            CodexImport.Result result = CodexImport.importFile(journal, file, 0);
            assertThat(result.imported()).isEqualTo(original.size());
            assertThat(result.badLines()).hasSize(2);
            assertThat(result.badLines().get(0)).startsWith("line 5: ");
            assertThat(export(journal, result.threadId())).isEqualTo(original);
        }
    }

    @Test
    void aFileWithoutASessionMetaIsRefused(@TempDir Path data) throws Exception {
        List<String> original = lines(rollouts().resolve("exec-2turns-hello.rollout.jsonl"));
        Path file = Files.write(data.resolveSibling(data.getFileName() + "-nometa.jsonl"), original.subList(1, 5));
        try (ChronicleJournal journal = open(data)) {
            assertThatThrownBy(() -> CodexImport.importFile(journal, file, 0))
                    .hasMessageContaining("failed to parse thread ID from rollout file");
        }
    }
}
