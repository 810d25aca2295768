package dev.turnstile.bench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a run measured, in one line: CPU model, cores, memory, operating system. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        String cpu = first("/proc/cpuinfo", "model name");
        String memory = first("/proc/meminfo", "MemTotal");
        StringBuilder text = new StringBuilder();
        text.append(cpu == null ? System.getProperty("os.arch") : cpu);
        text.append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores");
        if (memory != null) {
            long kb = Long.parseLong(memory.replaceAll("[^0-9]", ""));
            text.append(String.format(Locale.ROOT, ", %.0f GiB", kb / 1024.0 / 1024.0));
        }
        text.append(", ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"));
        return text.toString();
    }

    /** The 1-minute load average (other work competing for the cores), or "?" where the OS does not say. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String first(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
