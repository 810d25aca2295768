package dev.turnstile.journal.lock;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One process per data directory: an exclusive OS file lock on {@code <data>/LOCK}, which also names its holder
 * (pid, command, start time) so that a second process can say who has it. The OS releases the lock when the
 * holder dies, even by {@code kill -9}: a stale LOCK file never blocks a restart.
 */
public final class DataDirectoryLock implements AutoCloseable {
    public static final String FILE_NAME = "LOCK";

    private final FileChannel channel;
    private final FileLock lock;
    private final Path path;

    private DataDirectoryLock(FileChannel channel, FileLock lock, Path path) {
        this.channel = channel;
        this.lock = lock;
        this.path = path;
    }

    /**
     * Takes the lock.
     *
     * @param purpose what this process does with the directory (shown to a second process)
     * @throws DataDirectoryInUseException when another process holds it
     */
    public static DataDirectoryLock acquire(Path dataDirectory, String purpose) throws IOException {
        Files.createDirectories(dataDirectory);
        Path path = dataDirectory.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldByThisProcess) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = readHolder(channel);
            channel.close();
            throw new DataDirectoryInUseException(dataDirectory, holder);
        }
        String holder = "pid " + ProcessHandle.current().pid() + " (" + purpose + ", started "
                + Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()) + ")";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new DataDirectoryLock(channel, lock, path);
    }

    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(512);
            int read = channel.read(buffer, 0);
            return read <= 0 ? "another process" : new String(buffer.array(), 0, read, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "another process";
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
