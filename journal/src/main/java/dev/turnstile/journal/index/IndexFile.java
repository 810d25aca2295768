package dev.turnstile.journal.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The thread index on disk ({@code <data>/index/threads.json}): every thread's entry plus, per shard, the last
 * queue index the entries cover. Written whole to a temporary file and moved into place, so it is never torn; a
 * crash leaves an older file, and the records after its shard positions are scanned on the next start.
 */
public final class IndexFile {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The file's content. */
    public record Content(int version, List<Long> shardEnds, List<ThreadEntry.Snapshot> threads) {
    }

    private IndexFile() {
    }

    public static Path path(Path dataDirectory) {
        return dataDirectory.resolve("index").resolve("threads.json");
    }

    public static void write(Path dataDirectory, ThreadIndex index, List<Long> shardEnds) throws IOException {
        Path file = path(dataDirectory);
        Files.createDirectories(file.getParent());
        List<ThreadEntry.Snapshot> threads = new ArrayList<>(index.size());
        for (ThreadEntry entry : index.all()) {
            threads.add(entry.snapshot());
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temporary.toFile(), new Content(VERSION, shardEnds, threads));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The saved index, or null when there is none or it cannot be used (then it is rebuilt). */
    public static Content read(Path dataDirectory) {
        Path file = path(dataDirectory);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Content content = JSON.readValue(file.toFile(), Content.class);
            return content.version() == VERSION ? content : null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    static ThreadIndex restore(Content content) {
        ThreadIndex index = new ThreadIndex();
        for (ThreadEntry.Snapshot snapshot : content.threads()) {
            index.put(ThreadEntry.restore(snapshot));
        }
        return index;
    }
}
