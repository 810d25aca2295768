package dev.turnstile.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./turnstile bench}: what it hands the benchmarks runner, and its usage errors (nothing is run here). */
class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine command = TurnstileCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void benchExplainsItselfAndItsSets() {
        assertThat(execute("--help")).isZero();
        assertThat(out.toString()).contains("bench");
        assertThat(execute("bench", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--quick", "--full", "--only", "--param",
                "--prof", "--report-only", "hop, throughput, rollback, resume, fork, append, replay, memory");
    }

    @Test
    void theRunnerGetsTheProfileTheSetsAndWhatTheUserTyped() {
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs("--full", "--only", "hop,rollback", "--param", "impl=turnstile",
                "--prof", "jfr", "--out", "results");
        assertThat(bench.arguments()).containsExactly("--full", "--only", "hop,rollback", "--param",
                "impl=turnstile", "--out", "results", "--prof", "jfr", "--command",
                "./turnstile bench --full --only hop,rollback --param impl=turnstile --prof jfr");
    }

    @Test
    void quickIsTheDefault() {
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs();
        assertThat(bench.arguments()).startsWith("--quick").endsWith("--command", "./turnstile bench --quick");
    }

    @Test
    void anUnknownSetOrTwoProfilesIsAUsageError() {
        assertThat(execute("bench", "--only", "hops")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown benchmark set 'hops'").doesNotContain("Exception");
        assertThat(execute("bench", "--quick", "--full")).isEqualTo(2);
        assertThat(err.toString()).contains("--quick and --full exclude each other");
    }
}
