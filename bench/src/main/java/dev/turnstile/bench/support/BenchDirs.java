package dev.turnstile.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Scratch directories for benchmark state (journals, JSONL rollouts). They live under
 * {@code -Dturnstile.bench.work} (the runner sets it to the run's work directory), else the system temp directory,
 * and each benchmark deletes its own in {@code @TearDown}, so disk use stays bounded by one iteration's writes.
 */
public final class BenchDirs {
    public static final String WORK_PROPERTY = "turnstile.bench.work";

    private BenchDirs() {
    }

    /** A new, empty directory named after what uses it. */
    public static Path create(String purpose) {
        try {
            String root = System.getProperty(WORK_PROPERTY);
            Path parent = root == null ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(root);
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "turnstile-bench-" + purpose + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for " + purpose, e);
        }
    }

    /** Deletes a directory and everything under it; a missing directory is fine. */
    public static void delete(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    /** Bytes the files under a directory occupy on disk (allocated blocks, not apparent sizes). */
    public static long size(Path directory) {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
