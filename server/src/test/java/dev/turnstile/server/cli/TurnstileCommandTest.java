package dev.turnstile.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.journal.queue.ReadAhead;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The command line: shared host options, one-line usage errors with exit code 2, the demo end to end. */
class TurnstileCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine command = TurnstileCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "demo  | --shards      | 0        | a whole number from 1 to 1024",
        "demo  | --shards      | many     | a whole number from 1 to 1024",
        "proto | --ring-size   | 1000     | a power of two",
        "proto | --wait-strategy | fast   | phased, blocking, sleeping, yielding, busy-spin",
        "demo  | --pin-shards  | one      | expected CPU numbers from 0 to",
        "demo  | --pin-shards  | 4096     | CPU 4096 is not available here",
        "proto | --pin-shards  | 0,0      | CPU 0 is listed twice",
        "demo  | --model       | gpt      | scripted:FILE",
        "proto | --model       | scripted:/no/such/script.jsonl | does not exist",
        "demo  | --threads     | 0        | a whole number >= 1",
        "demo  | --turns       | ten      | a whole number >= 1",
        "demo  | --data        | pom.xml  | not a directory",
        "proto | --config      | /no/such/config.toml | does not exist",
        "demo  | --journal-read-ahead | sometimes | expected kernel or off",
    })
    void aBadOptionValueIsOneLineNamingTheOptionAndWhatIsAllowedWithExitCodeTwo(String command, String option,
                                                                                String value, String allowed) {
        int exit = execute(command, option, value);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("turnstile " + command + ": ")
                .contains(option)
                .contains(allowed)
                .doesNotContain("Exception"));
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theSharedOptionsBuildThePipelineAndTheModel() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--shards", "3", "--ring-size", "1024", "--wait-strategy", "busy-spin",
                "--pin-shards", "0");
        assertThat(demo.options.pipelineConfig().shards()).isEqualTo(3);
        assertThat(demo.options.pipelineConfig().shardCpus()).containsExactly(0);
        assertThat(demo.options.pipelineConfig().ringSize()).isEqualTo(1024);
        assertThat(demo.options.pipelineConfig().waitStrategy().toString()).isEqualTo("busy-spin");
        assertThat(demo.options.model().spec()).isEqualTo("echo");
        assertThat(demo.options.data()).isEqualTo(Path.of("./turnstile-data"));
        assertThat(demo.options.readAhead()).isEqualTo(ReadAhead.KERNEL);
    }

    @Test
    void theJournalsReadAheadCanBeTurnedOff() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--journal-read-ahead", "off");
        assertThat(demo.options.readAhead()).isEqualTo(ReadAhead.OFF);
    }

    static Stream<Arguments> badConfigFiles() {
        return Stream.of(
                Arguments.of("default_permissions = \"dev\"\n", "requires a `[permissions]` table"),
                Arguments.of("default_permissions = \"dev\"\n[permissions.other.filesystem]\n\":root\" = \"read\"\n",
                        "undefined profile `dev`"),
                Arguments.of("default_permissions = \":nope\"\n", "unknown built-in profile `:nope`"),
                Arguments.of("[permissions.dev.filesystem]\n\":root\" = \"sometimes\"\n", "permissions.dev.filesystem"),
                Arguments.of("this is = = not toml\n", "is not valid TOML"));
    }

    /** Issue #4 part 1: {@code --config FILE} is read while parsing; its mistakes are one-line usage errors. */
    @ParameterizedTest
    @MethodSource("badConfigFiles")
    void aBadConfigFileIsAOneLineUsageError(String toml, String expected, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config.toml"), toml);

        int exit = execute("proto", "--config", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("turnstile proto: ").contains("--config").contains(file.toString()).contains(expected)
                .doesNotContain("Exception"));
    }

    @Test
    void theConfigFileGivesTheHostItsNamedProfiles(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config.toml"), """
                default_permissions = "dev"
                [permissions.dev.filesystem.":workspace_roots"]
                "." = "write"
                """);
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--config", file.toString());
        assertThat(demo.options.hostConfig().permissions().defaultPermissions()).isEqualTo("dev");
        assertThat(demo.options.hostConfig().permissions().profile("dev")).isNotNull();
        DemoCommand plain = new DemoCommand();
        new CommandLine(plain).parseArgs();
        assertThat(plain.options.hostConfig().permissions().hasPermissionsTable()).as("no --config: no profiles")
                .isFalse();
    }

    @Test
    void theDemoReportsEveryTurnJournalsItAndWritesTheSameNumbersAsJson(@TempDir Path dir)
            throws Exception {
        Path json = dir.resolve("demo.json");
        Path data = dir.resolve("data");

        int exit = execute("demo", "--threads", "5", "--turns", "2", "--no-progress", "--shards", "1",
                "--wait-strategy", "blocking", "--json", json.toString(), "--data", data.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("5 threads x 2 turns")
                .contains("10 of 10 completed")
                .contains("1 shard(s), ring 65,536, wait strategy blocking")
                .contains("Latency      p50 ")
                .contains("Data         " + data.resolve("journal"))
                .contains("./turnstile replay show ");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("turns_completed").asLong()).isEqualTo(10);
        assertThat(report.path("latency").get("samples").asLong()).isEqualTo(10);
        assertThat(Files.isDirectory(data.resolve("journal").resolve("shard-0"))).as("journaled").isTrue();
    }

    @Test
    void anEphemeralDemoLeavesNoDataDirectory(@TempDir Path dir) {
        Path data = dir.resolve("data");
        int exit = execute("demo", "--threads", "2", "--turns", "1", "--no-progress", "--ephemeral",
                "--data", data.toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("not persisted (--ephemeral)");
        assertThat(Files.exists(data)).isFalse();
    }

    @Test
    void aSecondProcessOnTheSameDataDirectoryIsToldWhoHasIt(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (var lock = dev.turnstile.journal.lock.DataDirectoryLock.acquire(data, "another turnstile")) {
            int exit = execute("demo", "--threads", "1", "--turns", "1", "--no-progress", "--data", data.toString());
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("is in use by").contains("another turnstile");
        }
    }

    @Test
    void everyCommandExplainsItself() {
        assertThat(execute("--help")).isZero();
        assertThat(out.toString()).contains("proto").contains("demo").contains("replay");
        assertThat(execute("demo", "--help")).isZero();
        assertThat(out.toString()).contains("--threads").contains("--wait-strategy").contains("--no-progress");
    }
}
