package dev.turnstile.bench.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Measurements JMH has no column for (heap per idle thread, bytes a fork wrote, the latency an open-loop client
 * sees at the offered load), written by the benchmark's own fork as JSON lines next to JMH's results:
 * {@code {"benchmark", "params", "metric", "value", "unit"}}. The runner names the file with
 * {@code -Dturnstile.bench.extras}; without it (a plain JMH run) they are printed instead.
 */
public final class Extras {
    public static final String FILE_PROPERTY = "turnstile.bench.extras";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Extras() {
    }

    public static void record(BenchmarkParams benchmark, String metric, double value, String unit) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String key : benchmark.getParamsKeys()) {
            params.put(key, benchmark.getParam(key));
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("benchmark", benchmark.getBenchmark());
        line.set("params", JSON.valueToTree(params));
        line.put("metric", metric);
        line.put("value", value);
        line.put("unit", unit);
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null) {
            System.out.println("extra: " + line);
            return;
        }
        try {
            Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
