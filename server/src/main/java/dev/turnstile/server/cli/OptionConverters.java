package dev.turnstile.server.cli;

import dev.turnstile.core.permissions.BuiltInProfiles;
import dev.turnstile.core.permissions.config.PermissionsConfig;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.pipeline.WaitStrategyKind;
import dev.turnstile.core.turn.model.ModelScriptException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses and checks option values. Each converter's message says what is allowed; picocli prefixes it with the
 * option's name, and {@link UsageErrors} prints the result as one line (exit code 2, no stack trace).
 */
final class OptionConverters {
    private OptionConverters() {
    }

    static int positiveInt(String text, String what) {
        final long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a whole number; " + what);
        }
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new TypeConversionException("'" + text + "' is out of range; " + what);
        }
        return (int) value;
    }

    /** A whole number at least 1. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return positiveInt(text, "expected a whole number >= 1");
        }
    }

    static final class Shards implements ITypeConverter<Integer> {
        static final int MAX = 1024;

        @Override
        public Integer convert(String text) {
            int shards = positiveInt(text, "expected a whole number from 1 to " + MAX);
            if (shards > MAX) {
                throw new TypeConversionException("'" + text + "' is out of range; expected a whole number from 1 to "
                        + MAX);
            }
            return shards;
        }
    }

    static final class RingSize implements ITypeConverter<Integer> {
        private static final String ALLOWED = "expected a power of two from 2 to 2^30 (e.g. 1024, 65536)";

        @Override
        public Integer convert(String text) {
            int size = positiveInt(text, ALLOWED);
            if (size < 2 || Integer.bitCount(size) != 1) {
                throw new TypeConversionException("'" + text + "' is not a power of two; " + ALLOWED);
            }
            return size;
        }
    }

    static final class WaitStrategy implements ITypeConverter<WaitStrategyKind> {
        @Override
        public WaitStrategyKind convert(String text) {
            return named(text, WaitStrategyKind::parse, "a wait strategy",
                    "one of phased, blocking, sleeping, yielding, busy-spin");
        }
    }

    /**
     * A value one of the domain's own parsers reads (an enum's spelling on the command line), its refusal turned into
     * picocli's one-line error: "'TEXT' is not WHAT; expected EXPECTED".
     */
    private static <T> T named(String text, java.util.function.Function<String, T> parse, String what,
                               String expected) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + text + "' is not " + what + "; expected " + expected);
        }
    }

    /** {@code --pin-shards 2,3}: CPU numbers this process may use, comma-separated, no repeats. */
    static final class ShardCpus implements ITypeConverter<java.util.List<Integer>> {
        @Override
        public java.util.List<Integer> convert(String text) {
            int cpus = Runtime.getRuntime().availableProcessors();
            String expected = "expected CPU numbers from 0 to " + (cpus - 1) + ", comma-separated (e.g. 1 or 1,2)";
            java.util.List<Integer> list = new java.util.ArrayList<>();
            for (String part : text.split(",", -1)) {
                int cpu;
                try {
                    cpu = Integer.parseInt(part.trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + text + "' is not a CPU list; " + expected);
                }
                if (cpu < 0 || cpu >= cpus) {
                    throw new TypeConversionException("CPU " + cpu + " is not available here; " + expected);
                }
                if (list.contains(cpu)) {
                    throw new TypeConversionException("CPU " + cpu + " is listed twice in '" + text + "'; " + expected);
                }
                list.add(cpu);
            }
            return java.util.List.copyOf(list);
        }
    }

    /** Builds the model at parse time, so a missing or broken script is a usage error before anything starts. */
    static final class Model implements ITypeConverter<ModelChoice> {
        @Override
        public ModelChoice convert(String text) {
            try {
                return ModelChoice.of(text);
            } catch (ModelScriptException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A path that is a directory or does not exist yet; it is never created here. */
    static final class DataDirectory implements ITypeConverter<Path> {
        @Override
        public Path convert(String text) {
            if (text.isBlank()) {
                throw new TypeConversionException("the data directory must not be empty; expected a directory path");
            }
            final Path path;
            try {
                path = Path.of(text);
            } catch (InvalidPathException e) {
                throw new TypeConversionException("'" + text + "' is not a valid path; expected a directory path");
            }
            if (Files.exists(path) && !Files.isDirectory(path)) {
                throw new TypeConversionException("'" + text + "' exists and is not a directory; expected a directory "
                        + "path (it need not exist)");
            }
            return path;
        }
    }

    /** {@code os} or {@code sync}. */
    static final class DurabilityMode implements ITypeConverter<dev.turnstile.journal.queue.Durability> {
        @Override
        public dev.turnstile.journal.queue.Durability convert(String text) {
            return named(text, dev.turnstile.journal.queue.Durability::parse, "a durability mode", "os or sync");
        }
    }

    /** {@code kernel} or {@code off}. */
    static final class ReadAheadMode implements ITypeConverter<dev.turnstile.journal.queue.ReadAhead> {
        @Override
        public dev.turnstile.journal.queue.ReadAhead convert(String text) {
            return named(text, dev.turnstile.journal.queue.ReadAhead::parse, "a read-ahead mode", "kernel or off");
        }
    }

    /** A file to write: its directory must exist, and it must not be a directory itself. */
    static final class OutputFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String text) {
            if (text.isBlank()) {
                throw new TypeConversionException("the file name must not be empty; expected a file path");
            }
            final Path path;
            try {
                path = Path.of(text).toAbsolutePath();
            } catch (InvalidPathException e) {
                throw new TypeConversionException("'" + text + "' is not a valid path; expected a file path");
            }
            if (Files.isDirectory(path)) {
                throw new TypeConversionException("'" + text + "' is a directory; expected a file path");
            }
            Path parent = path.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new TypeConversionException("the directory of '" + text + "' does not exist; expected a file "
                        + "path in an existing directory");
            }
            return Path.of(text);
        }
    }

    /**
     * {@code --config FILE}: the permission part of a TOML configuration file ({@code default_permissions},
     * {@code [permissions.<id>]}, {@code [sandbox_workspace_write]}), read at parse time, so a missing file, bad
     * TOML, a malformed key or a {@code default_permissions} that names no profile is a usage error.
     */
    static final class PermissionsFile implements ITypeConverter<PermissionsConfig> {
        @Override
        public PermissionsConfig convert(String text) {
            if (text.isBlank()) {
                throw new TypeConversionException("the file name must not be empty; expected a TOML configuration "
                        + "file");
            }
            try {
                PermissionsConfig config = PermissionsConfig.load(Path.of(text));
                checkDefault(config);
                return config;
            } catch (InvalidPathException e) {
                throw new TypeConversionException("'" + text + "' is not a valid path; expected a TOML configuration "
                        + "file");
            } catch (PermissionException e) {
                throw new TypeConversionException(e.getMessage().replaceAll("\\s*\\R\\s*", " "));
            }
        }

        /** {@code default_permissions} must name a built-in or a profile of the file (spec §3.1, §3.2). */
        private static void checkDefault(PermissionsConfig config) {
            String id = config.defaultPermissions();
            if (id == null || BuiltInProfiles.isBuiltIn(id)) {
                return;
            }
            try {
                BuiltInProfiles.rejectUnknownBuiltIn(id);
                if (!config.hasPermissionsTable()) {
                    throw new PermissionException("default_permissions requires a `[permissions]` table");
                }
                if (config.profile(id) == null) {
                    throw new PermissionException("default_permissions refers to undefined profile `" + id + "`");
                }
            } catch (PermissionException e) {
                throw new PermissionException("config file `" + config.source() + "`: " + e.getMessage());
            }
        }
    }
}
