package dev.turnstile.journal.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.journal.store.ChronicleJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Codex 0.169 fork child holds only its own lines and points at its parent ({@code forked_from_id},
 * {@code history_base}); imported after its parent it becomes a fork in the journal, and its export is
 * self-contained. Without its parent the import fails naming the missing thread.
 */
class CodexForkImportTest {
    private static final String CHILD = "01a20fcb-0000-7000-8000-00000000c0de";

    /** A child file in 0.169's shape, branching off the parent after line ordinal {@code endExclusive - 1}. */
    private static Path childFile(Path dir, String parentId, long endExclusive, List<String> parentLines)
            throws Exception {
        ObjectNode meta = (ObjectNode) ProtocolCodec.shared().mapper().readTree(parentLines.get(0));
        ObjectNode payload = (ObjectNode) meta.get("payload");
        payload.put("id", CHILD);
        payload.put("session_id", CHILD);
        payload.put("forked_from_id", parentId);
        payload.put("forked_from_ordinal_exclusive", endExclusive);
        ObjectNode base = payload.putObject("history_base");
        base.put("thread_id", parentId);
        base.put("end_ordinal_exclusive", endExclusive);
        meta.put("ordinal", endExclusive);
        List<String> lines = new ArrayList<>();
        lines.add(meta.toString());
        // The child's own turn: reuse the parent's last turn lines, renumbered after the base.
        long ordinal = endExclusive + 1;
        for (String line : parentLines.subList(parentLines.size() - 5, parentLines.size())) {
            ObjectNode node = (ObjectNode) ProtocolCodec.shared().mapper().readTree(line);
            node.put("ordinal", ordinal++);
            lines.add(node.toString());
        }
        return Files.write(dir.resolve("child.rollout.jsonl"), lines);
    }

    @Test
    void aForkChildImportsAfterItsParentAndExportsSelfContained(@TempDir Path dir) throws Exception {
        Path parentFile = CodexImportTest.rollouts().resolve("exec-2turns-hello.rollout.jsonl");
        List<String> parentLines = CodexImportTest.lines(parentFile);
        String parentId = "01a20fc9-6397-7392-a885-f3235ef3cfcc";
        Path child = childFile(dir, parentId, 14, parentLines);
        try (ChronicleJournal journal = CodexImportTest.open(dir.resolve("data"))) {
            assertThatThrownBy(() -> CodexImport.importFile(journal, child, 0))
                    .hasMessageContaining(parentId).hasMessageContaining("import that thread's rollout file first");
            CodexImport.importFile(journal, parentFile, 0);
            CodexImport.Result result = CodexImport.importFile(journal, child, 0);
            assertThat(result.threadId()).isEqualTo(CHILD);
            assertThat(result.mode()).isEqualTo("fork of " + parentId);
            assertThat(journal.index().find(CHILD).forkedFromId()).isEqualTo(parentId);

            List<String> exported = CodexImportTest.export(journal, CHILD);
            // Its own session meta first, then the parent's lines before the fork point, then its own lines.
            assertThat(exported.get(0)).contains("\"id\":\"" + CHILD + "\"");
            assertThat(exported.subList(1, 14)).isEqualTo(parentLines.subList(1, 14));
            assertThat(exported).hasSize(1 + 13 + 5);
        }
    }
}
