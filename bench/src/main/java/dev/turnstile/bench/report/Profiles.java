package dev.turnstile.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summaries of the JFR recordings a run made ({@code --prof jfr}): for each benchmark trial, where its threads spent
 * their CPU samples — the hottest methods (the sampled frame itself) and the nearest Turnstile or baseline frame on
 * each sampled stack (which part of the code asked for that work). This is the profile that explains a missed
 * target.
 */
final class Profiles {
    private static final int TOP = 8;

    private Profiles() {
    }

    /** Markdown for every {@code profile.jfr} under {@code directory}; empty when there is none. */
    static String summarize(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return "";
        }
        List<Path> recordings;
        try (Stream<Path> files = Files.walk(directory)) {
            recordings = files.filter(p -> p.getFileName().toString().endsWith(".jfr")).sorted().toList();
        }
        if (recordings.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## Profiles (JFR execution samples)\n\n");
        md.append("Per trial: the hottest methods (self samples) and, for the same samples, the nearest frame of "
                + "Turnstile's or the baselines' own code (`dev.turnstile`). Set-up and tear-down are included.\n");
        for (Path recording : recordings) {
            md.append(summarize(recording, directory.relativize(recording.getParent()).toString()));
        }
        return md.toString();
    }

    private static String summarize(Path recording, String trial) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> own = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            for (RecordedFrame frame : frames) {
                String type = frame.getMethod().getType().getName();
                if (type.startsWith("dev.turnstile.") && !type.contains("jmh_generated")) {
                    own.merge(name(frame), 1, Integer::sum);
                    break;
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("\n### ").append(trial).append(" (").append(samples).append(" samples)\n\n");
        md.append("| hottest methods | % | nearest `dev.turnstile` frame | % |\n|---|---|---|---|\n");
        List<Map.Entry<String, Integer>> hot = top(self);
        List<Map.Entry<String, Integer>> mine = top(own);
        for (int i = 0; i < Math.max(hot.size(), mine.size()); i++) {
            md.append("| ").append(i < hot.size() ? "`" + hot.get(i).getKey() + "`" : "").append(" | ")
                    .append(i < hot.size() ? percent(hot.get(i).getValue(), samples) : "").append(" | ")
                    .append(i < mine.size() ? "`" + mine.get(i).getKey() + "`" : "").append(" | ")
                    .append(i < mine.size() ? percent(mine.get(i).getValue(), samples) : "").append(" |\n");
        }
        return md.toString();
    }

    private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(
                Comparator.reverseOrder())).limit(TOP).toList();
    }

    private static String percent(int count, int total) {
        return String.format(Locale.ROOT, "%.0f", 100.0 * count / Math.max(1, total));
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }
}
