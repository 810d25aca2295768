package dev.turnstile.journal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.journal.record.JournalRecord;
import dev.turnstile.journal.record.RecordKind;
import dev.turnstile.journal.record.RecordLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardJournalTest {

    @Test
    void recordsReadBackByIndexAndInOrderWithTheirHeaders(@TempDir Path dir) throws IOException {
        UUID thread = UUID.fromString("01a20fc9-6397-7392-a885-f3235ef3cfcc");
        List<Long> indices = new ArrayList<>();
        try (ShardJournal journal = ShardJournal.open(dir.resolve("shard-0"), 0, Durability.SYNC)) {
            long previous = RecordLayout.NO_PREVIOUS;
            for (int i = 0; i < 3; i++) {
                String payload = "{\"n\":" + i + "}";
                previous = journal.append(RecordKind.ROLLOUT, thread.getMostSignificantBits(),
                        thread.getLeastSignificantBits(), i, 10 + i, 1_000 + i, previous, RecordLayout.SAME_SHARD,
                        out -> out.write(payload.getBytes(StandardCharsets.UTF_8)));
                indices.add(previous);
            }
            journal.flush();
        }
        try (ShardJournal journal = ShardJournal.open(dir.resolve("shard-0"), 0, Durability.OS);
             ShardReader reader = journal.openReader()) {
            JournalRecord second = reader.read(indices.get(1));
            assertThat(second.kind()).isEqualTo(RecordKind.ROLLOUT);
            assertThat(second.header().threadId()).isEqualTo(thread);
            assertThat(second.header().ordinal()).isEqualTo(1);
            assertThat(second.header().entrySequence()).isEqualTo(11);
            assertThat(second.header().timestampMillis()).isEqualTo(1_001);
            assertThat(second.header().previousIndex()).isEqualTo(indices.get(0));
            assertThat(second.header().previousShardResolved()).isZero();
            assertThat(second.payloadText()).isEqualTo("{\"n\":1}");

            List<String> all = new ArrayList<>();
            assertThat(reader.scan(-1, record -> all.add(record.payloadText()))).isEqualTo(3);
            assertThat(all).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
            assertThat(reader.recordsRead()).isEqualTo(4);
        }
    }

    @Test
    void aPayloadThatFailsToEncodeLeavesNoRecord(@TempDir Path dir) throws IOException {
        try (ShardJournal journal = ShardJournal.open(dir, 0, Durability.OS)) {
            assertThatThrownBy(() -> journal.append(RecordKind.ENTRY, 1, 2, 0, 1, 1, -1, -1, out -> {
                out.write('{');
                throw new IOException("encoder broke");
            })).hasMessage("encoder broke");
            journal.append(RecordKind.ENTRY, 1, 2, 0, 1, 1, -1, -1, out -> out.write("{}".getBytes(StandardCharsets.UTF_8)));
            try (ShardReader reader = journal.openReader()) {
                List<String> all = new ArrayList<>();
                reader.scan(-1, record -> all.add(record.payloadText()));
                assertThat(all).containsExactly("{}");
            }
        }
    }

    @Test
    void aPreEncodedPayloadIsStoredAsHeadBodyAndTailBackToBackWithItsLength(@TempDir Path dir) throws IOException {
        UUID thread = UUID.fromString("01a20fc9-6397-7392-a885-f3235ef3cfcc");
        byte[] head = "{\"command\":\"client\",\"submission\":".getBytes(StandardCharsets.UTF_8);
        byte[] body = "{\"id\":\"s1\",\"op\":{\"type\":\"interrupt\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "}".getBytes(StandardCharsets.UTF_8);
        try (ShardJournal journal = ShardJournal.open(dir, 0, Durability.OS)) {
            long streamed = journal.append(RecordKind.ENTRY, thread.getMostSignificantBits(),
                    thread.getLeastSignificantBits(), 0, 1, 1_000, RecordLayout.NO_PREVIOUS, RecordLayout.SAME_SHARD,
                    out -> {
                        out.write(head);
                        out.write(body);
                        out.write(tail);
                    });
            int streamedLength = journal.lastPayloadLength();
            long copied = journal.append(RecordKind.ENTRY, thread.getMostSignificantBits(),
                    thread.getLeastSignificantBits(), 1, 2, 1_001, streamed, RecordLayout.SAME_SHARD, head, body, tail);
            assertThat(journal.lastPayloadLength()).isEqualTo(streamedLength)
                    .isEqualTo(head.length + body.length + tail.length);
            try (ShardReader reader = journal.openReader()) {
                JournalRecord first = reader.read(streamed);
                JournalRecord second = reader.read(copied);
                assertThat(second.payloadText()).isEqualTo(first.payloadText())
                        .isEqualTo("{\"command\":\"client\",\"submission\":{\"id\":\"s1\",\"op\":{\"type\":\"interrupt\"}}}");
                assertThat(second.kind()).isEqualTo(RecordKind.ENTRY);
                assertThat(second.header().ordinal()).isEqualTo(1);
                assertThat(second.header().entrySequence()).isEqualTo(2);
                assertThat(second.header().previousIndex()).isEqualTo(streamed);
            }
        }
    }
}
