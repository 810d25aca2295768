package dev.turnstile.core.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the real Codex material under {@code shared/fixtures/codex-0.169}. */
public final class Fixtures {
    private static final Path RELATIVE = Path.of("shared", "fixtures", "codex-0.169");

    private Fixtures() {
    }

    /** Walks up from the working directory; fails with a clear message when the fixtures are absent. */
    public static Path codex169() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Codex 0.169 fixtures not found: no `" + RELATIVE
                + "` directory in " + Path.of("").toAbsolutePath() + " or any parent");
    }

    /** The real rollout files ({@code *.rollout.jsonl}; the exec stdout capture is not a rollout). */
    public static List<Path> rolloutFiles() {
        Path dir = codex169().resolve("rollouts");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> rollouts = files.filter(p -> p.getFileName().toString().endsWith(".rollout.jsonl"))
                    .sorted()
                    .toList();
            if (rollouts.isEmpty()) {
                throw new IllegalStateException("no *.rollout.jsonl files in " + dir);
            }
            return rollouts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The non-blank lines of a file. */
    public static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
