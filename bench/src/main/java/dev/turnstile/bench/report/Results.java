package dev.turnstile.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A run's results as the report reads them: JMH's JSON ({@code results.json}: one object per benchmark and
 * parameter set) and the benchmarks' extra measurements ({@code extras.jsonl}).
 */
public final class Results {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One JMH result: benchmark method, its parameters, its primary metric. */
    public record Result(String benchmark, Map<String, String> params, String mode, double score, double error,
                         String unit, Map<String, Double> percentiles, Map<String, Double> secondary, JsonNode raw) {
        public String simpleName() {
            String[] parts = benchmark.split("\\.");
            return parts[parts.length - 2] + "." + parts[parts.length - 1];
        }

        public String param(String key) {
            return params.get(key);
        }

        /** A percentile in the result's unit (SampleTime only), e.g. {@code percentile(99.0)}. */
        public OptionalDouble percentile(double p) {
            Double value = percentiles.get(key(p));
            return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
        }

        static String key(double p) {
            return Double.toString(p);
        }
    }

    /** One extra measurement. */
    public record Extra(String benchmark, Map<String, String> params, String metric, double value, String unit) {
    }

    private final List<Result> results;
    private final List<Extra> extras;
    private final JsonNode run;

    private Results(List<Result> results, List<Extra> extras, JsonNode run) {
        this.results = results;
        this.extras = extras;
        this.run = run;
    }

    public static Results load(Path directory) throws IOException {
        List<Result> results = new ArrayList<>();
        Path jmh = directory.resolve("results.json");
        if (Files.exists(jmh)) {
            for (JsonNode node : JSON.readTree(jmh.toFile())) {
                results.add(result(node));
            }
        }
        List<Extra> extras = new ArrayList<>();
        Path extraFile = directory.resolve("extras.jsonl");
        if (Files.exists(extraFile)) {
            for (String line : Files.readAllLines(extraFile)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                extras.add(new Extra(node.path("benchmark").asText(), params(node.path("params")),
                        node.path("metric").asText(), node.path("value").asDouble(), node.path("unit").asText()));
            }
        }
        Path runFile = directory.resolve("run.json");
        JsonNode run = Files.exists(runFile) ? JSON.readTree(runFile.toFile()) : JSON.createObjectNode();
        return new Results(results, extras, run);
    }

    private static Result result(JsonNode node) {
        JsonNode primary = node.path("primaryMetric");
        Map<String, Double> percentiles = new LinkedHashMap<>();
        primary.path("scorePercentiles").fields().forEachRemaining(e ->
                percentiles.put(Result.key(Double.parseDouble(e.getKey())), e.getValue().asDouble()));
        Map<String, Double> secondary = new LinkedHashMap<>();
        node.path("secondaryMetrics").fields().forEachRemaining(e ->
                secondary.put(e.getKey(), e.getValue().path("score").asDouble()));
        return new Result(node.path("benchmark").asText(), params(node.path("params")), node.path("mode").asText(),
                primary.path("score").asDouble(), primary.path("scoreError").asDouble(Double.NaN),
                primary.path("scoreUnit").asText(), percentiles, secondary, node);
    }

    private static Map<String, String> params(JsonNode node) {
        Map<String, String> params = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        return params;
    }

    public List<Result> all() {
        return results;
    }

    public JsonNode run() {
        return run;
    }

    public boolean isEmpty() {
        return results.isEmpty();
    }

    /** Results of one benchmark class (simple name, e.g. {@code DispatchHopBenchmark}). */
    public List<Result> of(String benchmarkClass) {
        return results.stream().filter(r -> r.benchmark().contains("." + benchmarkClass + ".")).toList();
    }

    /** The result of a benchmark class whose parameters include all of {@code where} (key, value, key, value...). */
    public Result find(String benchmarkClass, String... where) {
        for (Result result : of(benchmarkClass)) {
            if (matches(result.params(), where)) {
                return result;
            }
        }
        return null;
    }

    public OptionalDouble extra(String benchmarkClass, String metric, String... where) {
        for (Extra extra : extras) {
            if (extra.benchmark().contains("." + benchmarkClass + ".") && extra.metric().equals(metric)
                    && matches(extra.params(), where)) {
                return OptionalDouble.of(extra.value());
            }
        }
        return OptionalDouble.empty();
    }

    /** The distinct values a parameter takes in a benchmark's results, in first-seen order. */
    public List<String> values(String benchmarkClass, String param) {
        List<String> values = new ArrayList<>();
        for (Result result : of(benchmarkClass)) {
            String value = result.param(param);
            if (value != null && !values.contains(value)) {
                values.add(value);
            }
        }
        values.sort((a, b) -> {
            try {
                return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
            } catch (NumberFormatException notNumbers) {
                return 0;
            }
        });
        return values;
    }

    private static boolean matches(Map<String, String> params, String... where) {
        for (int i = 0; i + 1 < where.length; i += 2) {
            if (!Objects.equals(params.get(where[i]), where[i + 1])) {
                return false;
            }
        }
        return true;
    }
}
