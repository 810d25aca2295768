package dev.turnstile.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.bench.report.Report;
import dev.turnstile.bench.support.Extras;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * CI's only benchmark run: one benchmark, in this JVM ({@code -f 0}), for a moment, then the report rendered from
 * its JSON. It checks that benchmarks are generated, run and reported — never how fast anything is.
 */
class BenchSmokeTest {

    @Test
    void oneQuickBenchmarkRunsAndIsReported(@TempDir Path out) throws Exception {
        // In this JVM (-f 0): the benchmark's extras go where the runner sends a fork's.
        System.setProperty(Extras.FILE_PROPERTY, out.resolve("extras.jsonl").toString());
        try {
            new Runner(new OptionsBuilder()
                    .include("\\.DispatchHopBenchmark\\.")
                    .param("impl", "turnstile")
                    .param("journal", "true")
                    .param("rate", "10000")
                    .forks(0)
                    .warmupIterations(0)
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(300))
                    .resultFormat(ResultFormatType.JSON)
                    .result(out.resolve("results.json").toString())
                    .build()).run();
        } finally {
            System.clearProperty(Extras.FILE_PROPERTY);
        }
        new ObjectMapper().writeValue(out.resolve("run.json").toFile(), Map.of("profile", "smoke"));

        Report.render(out);

        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).contains("## Dispatch hop", "| yes | 10,000 |");
        if (Runtime.getRuntime().availableProcessors() > 1) {
            assertThat(report).contains("Where the host ran the two CPUs during each trial")
                    .containsPattern("\\| yes \\| 10,000 \\| [0-9][0-9,.–]* \\| – \\|");
        }
        assertThat(out.resolve("charts").resolve("dispatch-hop-percentiles.png")).isNotEmptyFile();
    }

    @Test
    void theJmhForksGetTheParentPomsFlags() {
        assertThat(JvmFlags.forThisJvm()).contains("-Dchronicle.analytics.disable=true",
                "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");
    }
}
