package dev.turnstile.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportHeaderTest {

    @Test
    void theMachinesJitterIsPrintedForEachCpuItWasMeasuredOn(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve("run.json"), """
                {"profile": "quick", "jitter": [
                  {"cpu": 0, "seconds": 2.0, "gapsPerSecond": 381.5, "lostPercent": 0.76, "longestMicros": 7850.0},
                  {"cpu": -1, "seconds": 2.0, "gapsPerSecond": 12.0, "lostPercent": 0.031, "longestMicros": 48.2}]}
                """);

        String report = Files.readString(Report.render(out));

        assertThat(report).contains("| machine jitter, just before the run | CPU 0: 382 interruptions/s of ≥ 10 µs, "
                + "0.76% of the time, longest 7,850 µs; a CPU (unpinned): 12 interruptions/s of ≥ 10 µs, 0.03% of "
                + "the time, longest 48.2 µs (a thread spinning on each for 2.00 s");
    }

    @Test
    void aRunWithoutAJitterMeasurementHasNoJitterRow(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve("run.json"), "{\"profile\": \"quick\"}");

        assertThat(Files.readString(Report.render(out))).doesNotContain("machine jitter");
    }
}
