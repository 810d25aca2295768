package dev.turnstile.journal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.journal.record.RecordKind;
import dev.turnstile.journal.record.RecordLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of a batch faults in the queue file's pages ahead of the write position; that must never change what the
 * journal holds: every record written after pages were touched reads back whole, records of every size (smaller
 * than a page, spanning several) land on touched pages, the mapped chunk changes under it, and a reopened journal
 * holds exactly the records written (the touched zeros are not mistaken for records) and appends after them.
 */
class PretouchTest {
    private static final long CHUNK = 1 << 20;

    private static String payload(int i) {
        char[] fill = new char[(i * 7919) % 9_000]; // 0 to ~9 KB: within a page, or across two or three
        Arrays.fill(fill, (char) ('a' + i % 26));
        return "{\"n\":" + i + ",\"fill\":\"" + new String(fill) + "\"}";
    }

    private static long append(ShardJournal journal, int i, long previous) throws IOException {
        byte[] bytes = payload(i).getBytes(StandardCharsets.UTF_8);
        return journal.append(RecordKind.ROLLOUT, 1, 2, i, i, 1_000 + i, previous, RecordLayout.SAME_SHARD,
                out -> out.write(bytes));
    }

    private static List<String> scan(ShardJournal journal) {
        List<String> all = new ArrayList<>();
        try (ShardReader reader = journal.openReader()) {
            reader.scan(-1, record -> all.add(record.payloadText()));
        }
        return all;
    }

    @Test
    void theFirstBatchEndTouchesAWindowOfPagesAheadAFewAtATime(@TempDir Path dir) throws IOException {
        try (ShardJournal journal = ShardJournal.open(dir, 0, Durability.OS, ReadAhead.KERNEL, CHUNK)) {
            append(journal, 1, RecordLayout.NO_PREVIOUS);
            journal.flush();
            assertThat(journal.pretouchedPages()).isEqualTo(ShardJournal.PRETOUCH_PAGES_PER_BATCH);
            for (int batch = 0; batch < 100; batch++) {
                journal.flush(); // nothing appended: the window fills, then nothing more is touched
            }
            long pages = journal.pretouchedPages();
            assertThat(pages).isBetween(ShardJournal.PRETOUCH_AHEAD / 4096 - 1, ShardJournal.PRETOUCH_AHEAD / 4096);
            // the touched pages are still all zeros in the file: touching wrote nothing
            long through = journal.pretouchedThrough();
            try (FileChannel file = FileChannel.open(queueFile(dir), StandardOpenOption.READ)) {
                ByteBuffer touched = ByteBuffer.allocate((int) (pages * 4096));
                file.read(touched, through - pages * 4096);
                touched.flip();
                while (touched.hasRemaining()) {
                    assertThat(touched.get()).isZero();
                }
            }
        }
    }

    private static Path queueFile(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    @Test
    void recordsWrittenOverPretouchedPagesReadBackWholeAcrossChunksAndAReopen(@TempDir Path dir) throws IOException {
        int written = 1_500; // ~6.7 MB: several 1 MB chunks
        List<String> expected = new ArrayList<>();
        long previous = RecordLayout.NO_PREVIOUS;
        try (ShardJournal journal = ShardJournal.open(dir, 0, Durability.OS, ReadAhead.KERNEL, CHUNK)) {
            for (int i = 0; i < written; i++) {
                previous = append(journal, i, previous);
                expected.add(payload(i));
                if (i % 3 == 0) {
                    journal.flush(); // a batch's end: touches pages ahead
                }
            }
            journal.flush();
            assertThat(scan(journal)).containsExactlyElementsOf(expected);
            // every page the records now fill was touched before they reached it, and the window ahead too
            long pagesWritten = expected.stream().mapToLong(String::length).sum() / 4096;
            assertThat(journal.pretouchedPages()).isGreaterThan(pagesWritten);
        }
        try (ShardJournal reopened = ShardJournal.open(dir, 0, Durability.OS, ReadAhead.KERNEL, CHUNK)) {
            assertThat(scan(reopened)).containsExactlyElementsOf(expected);
            long last = append(reopened, written, previous);
            reopened.flush();
            expected.add(payload(written));
            assertThat(scan(reopened)).containsExactlyElementsOf(expected);
            try (ShardReader reader = reopened.openReader()) {
                assertThat(reader.read(last).header().previousIndex()).isEqualTo(previous);
            }
        }
    }

    @Test
    void withReadAheadOffEveryChunkTheWriterMapsIsAdvisedRandom(@TempDir Path dir) throws IOException {
        try (ShardJournal journal = ShardJournal.open(dir, 0, Durability.OS, ReadAhead.OFF, CHUNK)) {
            appendAcrossChunks(journal, 4);

            assertThat(journal.advisedChunks()).isGreaterThanOrEqualTo(4);
            Path smaps = Path.of("/proc/self/smaps");
            if (Files.isReadable(smaps)) {
                // The kernel shows MADV_RANDOM as "rr" among the flags of the queue file's mapping.
                assertThat(randomReadFlagsOfMappingsUnder(smaps, dir)).contains(true);
            }
        }
    }

    @Test
    void byDefaultTheKernelKeepsItsReadAhead(@TempDir Path dir) throws IOException {
        try (ShardJournal journal = ShardJournal.open(dir, 0, Durability.OS)) {
            appendAcrossChunks(journal, 1);

            assertThat(journal.advisedChunks()).isZero();
            Path smaps = Path.of("/proc/self/smaps");
            if (Files.isReadable(smaps)) {
                assertThat(randomReadFlagsOfMappingsUnder(smaps, dir)).isNotEmpty().doesNotContain(true);
            }
        }
    }

    /** Appends records, a batch end after each, until they fill {@code chunks} chunks' worth of the file. */
    private static void appendAcrossChunks(ShardJournal journal, int chunks) throws IOException {
        long previous = RecordLayout.NO_PREVIOUS;
        long bytes = 0;
        for (int i = 0; bytes < chunks * CHUNK; i++) {
            previous = append(journal, i, previous);
            bytes += payload(i).length() + RecordLayout.HEADER_LENGTH;
            journal.flush();
        }
    }

    /** For each mapping of a file under {@code dir}: whether its VmFlags carry "rr" (read-ahead off). */
    private static List<Boolean> randomReadFlagsOfMappingsUnder(Path smaps, Path dir) throws IOException {
        List<Boolean> flags = new ArrayList<>();
        String root = dir.toRealPath().toString();
        boolean inside = false;
        for (String line : Files.readAllLines(smaps)) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                inside = line.contains(root) && line.endsWith(".cq4");
            } else if (inside && line.startsWith("VmFlags:")) {
                flags.add(Arrays.asList(line.substring("VmFlags:".length()).trim().split("\\s+")).contains("rr"));
            }
        }
        return flags;
    }
}
