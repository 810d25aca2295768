package dev.turnstile.server.appserver.threads;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.turnstile.server.appserver.rpc.MessageCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the app-server knows about threads beyond the core's state: which tenant owns each one, its name, whether it
 * is archived, its preview and times. The core has no notion of tenants, names or archives, so these live here.
 *
 * <p>Persisted as an append-only JSONL file in the data directory (each line a whole entry; the last line of an id
 * wins when it is read back), so ownership survives a restart and a tenant can resume its threads later. With no
 * file ({@code --ephemeral}) it lives in memory only.
 *
 * <p>Threading: safe from any thread; appends are serialised by the writer's monitor (app-server state, not
 * session state).
 */
public final class ThreadCatalog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadCatalog.class);

    /**
     * One thread as the app-server lists it.
     *
     * @param createdAt unix seconds
     * @param updatedAt unix seconds
     */
    public record Entry(String threadId, String tenantId, long createdAt, long updatedAt, String cwd,
                        boolean ephemeral, String forkedFromId, String modelProvider, String name, boolean archived,
                        String preview) {
        public Entry withName(String newName) {
            return new Entry(threadId, tenantId, createdAt, updatedAt, cwd, ephemeral, forkedFromId, modelProvider,
                    newName, archived, preview);
        }

        public Entry withArchived(boolean newArchived) {
            return new Entry(threadId, tenantId, createdAt, updatedAt, cwd, ephemeral, forkedFromId, modelProvider,
                    name, newArchived, preview);
        }

        public Entry withPreview(String newPreview) {
            return new Entry(threadId, tenantId, createdAt, updatedAt, cwd, ephemeral, forkedFromId, modelProvider,
                    name, archived, newPreview);
        }

        public Entry touched(long when) {
            return new Entry(threadId, tenantId, createdAt, Math.max(updatedAt, when), cwd, ephemeral, forkedFromId,
                    modelProvider, name, archived, preview);
        }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final BufferedWriter writer;

    private ThreadCatalog(BufferedWriter writer) {
        this.writer = writer;
    }

    public static ThreadCatalog inMemory() {
        return new ThreadCatalog(null);
    }

    /** Opens (or creates) the catalog file, reading back what it holds. */
    public static ThreadCatalog open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ThreadCatalog catalog;
        List<Entry> loaded = new ArrayList<>();
        if (Files.exists(file)) {
            int lineNumber = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    loaded.add(MessageCodec.JSON.readValue(line, Entry.class));
                } catch (JsonProcessingException e) {
                    LOG.warn("{} line {} is not a catalog entry ({}); it was skipped", file, lineNumber,
                            e.getOriginalMessage());
                }
            }
        }
        catalog = new ThreadCatalog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
        loaded.forEach(entry -> catalog.entries.put(entry.threadId(), entry));
        return catalog;
    }

    public void add(Entry entry) {
        entries.put(entry.threadId(), entry);
        persist(entry);
    }

    public Optional<Entry> find(String threadId) {
        return Optional.ofNullable(entries.get(threadId));
    }

    /** The thread if {@code tenantId} owns it; another tenant's thread is answered exactly like a missing one. */
    public Optional<Entry> owned(String tenantId, String threadId) {
        Entry entry = entries.get(threadId);
        return entry != null && entry.tenantId().equals(tenantId) ? Optional.of(entry) : Optional.empty();
    }

    /** Changes an entry (if it exists) and persists the result; returns the new entry or null. */
    public Entry update(String threadId, UnaryOperator<Entry> change) {
        Entry updated = entries.computeIfPresent(threadId, (id, entry) -> change.apply(entry));
        if (updated != null) {
            persist(updated);
        }
        return updated;
    }

    /** The tenant's threads, most recently updated first. */
    public List<Entry> list(String tenantId) {
        List<Entry> out = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.tenantId().equals(tenantId)) {
                out.add(entry);
            }
        }
        out.sort(Comparator.comparingLong(Entry::updatedAt).thenComparing(Entry::createdAt)
                .thenComparing(Entry::threadId).reversed());
        return out;
    }

    private void persist(Entry entry) {
        if (writer == null || entry.ephemeral()) {
            return;
        }
        try {
            String line = MessageCodec.JSON.writeValueAsString(entry);
            synchronized (writer) {
                writer.write(line);
                writer.newLine();
                writer.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the thread catalog", e);
        }
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            synchronized (writer) {
                writer.close();
            }
        }
    }
}
