package dev.turnstile.bench.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapCounterTest {

    @Test
    void countsOnlyGapsOfTenMicrosecondsOrMore() {
        GapCounter counter = new GapCounter();
        long[] steps = {50, 9_999, 10_000, 40, 2_000_000, 979_911}; // a read, just under, three gaps: 3 ms in all
        long t = 1_000_000;
        counter.observe(t);
        for (long step : steps) {
            counter.observe(t += step);
        }

        CpuJitter jitter = counter.result(1);

        assertThat(jitter.cpu()).isEqualTo(1);
        assertThat(jitter.observedNanos()).isEqualTo(3_000_000);
        assertThat(jitter.gaps()).isEqualTo(3);
        assertThat(jitter.lostNanos()).isEqualTo(10_000 + 2_000_000 + 979_911);
        assertThat(jitter.longestNanos()).isEqualTo(2_000_000);
        assertThat(jitter.gapsPerSecond()).isCloseTo(1000.0, within(1e-9));
        assertThat(jitter.lostPercent()).isCloseTo(100.0 * 2_989_911 / 3_000_000, within(1e-9));
    }

    @Test
    void aCounterThatSawNothingReportsNothing() {
        CpuJitter jitter = new GapCounter().result(-1);

        assertThat(jitter.gaps()).isZero();
        assertThat(jitter.gapsPerSecond()).isZero();
        assertThat(jitter.lostPercent()).isZero();
    }

    @Test
    void theProbeMeasuresEachCpuTheMachineHasAndNoOther() throws InterruptedException {
        int cpus = Runtime.getRuntime().availableProcessors();

        List<CpuJitter> measured = MachineJitter.measure(List.of(0, cpus + 7), Duration.ofMillis(5),
                Duration.ofMillis(50));

        assertThat(measured).hasSize(1);
        CpuJitter cpu0 = measured.get(0);
        assertThat(cpu0.observedNanos()).isBetween(Duration.ofMillis(40).toNanos(), Duration.ofSeconds(5).toNanos());
        assertThat(cpu0.lostNanos()).isBetween(0L, cpu0.observedNanos());
        assertThat(cpu0.lostPercent()).isBetween(0.0, 100.0);
    }
}
