package dev.turnstile.bench.runner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A chosen set of benchmarks: which benchmarks, with which parameters, and how long each measures. Every parameter
 * of a benchmark is given here, so the runner knows how many trials a profile has before it starts.
 *
 * <ul>
 *   <li><b>quick</b>: every benchmark, the loads and sizes the targets name, one fork, one warm-up and two
 *       measurement iterations of a second (hop: {@value #HOP_WARMUPS} warm-ups; throughput:
 *       {@value #THROUGHPUT_WARMUPS} warm-ups and three) — a few minutes on two cores;</li>
 *   <li><b>full</b>: more loads and sizes, longer iterations — about forty minutes on two cores.</li>
 * </ul>
 */
public record Profile(String name, List<Selection> selections) {

    /** One JMH run: a benchmark class, its parameter values, its iteration settings. */
    public record Selection(String name, String benchmarkClass, Map<String, List<String>> params, int forks,
                            int warmups, int warmupSeconds, int iterations, int iterationSeconds) {
        public String include() {
            return "\\." + benchmarkClass + "\\.";
        }

        /** Trials: one per combination of parameter values. */
        public int trials() {
            int trials = 1;
            for (List<String> values : params.values()) {
                trials *= values.size();
            }
            return trials;
        }

        /** A rough wall-clock estimate: JVM start (about a second), set-up, iterations. */
        public int estimatedSeconds(int setupSeconds) {
            return trials() * forks * (1 + setupSeconds + warmups * warmupSeconds + iterations * iterationSeconds);
        }
    }

    public static final Set<String> NAMES = Set.of("quick", "full");

    /**
     * Warm-up seconds of a quick throughput trial. A fresh JVM pushes submissions at 60-70% of its steady rate in its
     * first seconds (the JIT is still compiling the whole path, the collector still sizing its young generation),
     * and reaches that rate after about four; a trial that measures before then reports the start-up, not the design.
     * Every design gets the same warm-up.
     */
    static final int THROUGHPUT_WARMUPS = 4;

    /**
     * Warm-up seconds of a quick hop trial. While the JIT compiles (its threads busy for the first seconds of a fork),
     * each of its wake-ups takes a core from one of the two spinning threads, the client or the shard, for up to a
     * scheduler tick (4 ms on a 250 Hz kernel). Two runs of the pinned hop at 100,000/s outside JMH, second by second:
     * 89-142 stalls of over a millisecond per second for the first two to four seconds, then 3-19; p99 5.8-15.3 µs,
     * then 1.4-8.6 µs. A trial that measures before then reports the compiler, not the design. Every design gets the
     * same warm-up.
     */
    static final int HOP_WARMUPS = 6;

    public static Profile named(String name) {
        return switch (name) {
            case "quick" -> quick();
            case "full" -> full();
            default -> throw new IllegalArgumentException("unknown profile '" + name + "': quick or full");
        };
    }

    private static Map<String, List<String>> params(String... keyValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], List.of(keyValues[i + 1].split(",")));
        }
        return params;
    }

    static Profile quick() {
        return new Profile("quick", List.of(
                new Selection("hop", "DispatchHopBenchmark",
                        params("impl", "turnstile,turnstile-blocking,turnstile-pinned,codex,executor", "journal", "false,true",
                                "rate", "10000,100000"), 1, HOP_WARMUPS, 1, 2, 1),
                new Selection("throughput", "ThroughputBenchmark",
                        params("impl", "turnstile,executor", "threads", "1,100,10000", "shards", "1,2"), 1,
                        THROUGHPUT_WARMUPS, 1, 3, 1),
                new Selection("throughput-blocking", "ThroughputBenchmark",
                        params("impl", "turnstile-blocking", "threads", "1,100,10000", "shards", "2"), 1,
                        THROUGHPUT_WARMUPS, 1, 3, 1),
                new Selection("throughput-codex", "ThroughputBenchmark",
                        params("impl", "codex", "threads", "1,100,10000", "shards", "1"), 1, THROUGHPUT_WARMUPS, 1,
                        3, 1),
                new Selection("rollback", "RollbackBenchmark",
                        params("impl", "turnstile,codex", "turns", "10,1000,10000"), 1, 1, 1, 2, 1),
                new Selection("resume", "ResumeBenchmark",
                        params("impl", "turnstile,codex", "turns", "10,1000,10000"), 1, 1, 1, 2, 1),
                new Selection("fork", "ForkBenchmark",
                        params("impl", "turnstile,codex", "turns", "10,1000,10000"), 1, 1, 1, 2, 1),
                new Selection("append", "JournalAppendBenchmark", params("impl", "turnstile,codex"), 1, 1, 1, 2, 1),
                new Selection("replay", "JournalReplayBenchmark", params("impl", "turnstile,codex", "turns", "1000"),
                        1, 1, 1, 2, 1),
                new Selection("memory", "IdleThreadMemoryBenchmark",
                        params("impl", "turnstile,codex,executor", "threads", "100000"), 1, 0, 0, 1, 0)));
    }

    static Profile full() {
        return new Profile("full", List.of(
                new Selection("hop", "DispatchHopBenchmark",
                        params("impl", "turnstile,turnstile-blocking,turnstile-pinned,codex,executor", "journal", "false,true",
                                "rate", "1000,10000,100000,200000"), 1, 4, 2, 5, 2),
                new Selection("throughput", "ThroughputBenchmark",
                        params("impl", "turnstile,turnstile-blocking,executor", "threads", "1,100,1000,10000",
                                "shards", "1,2"), 1, 3, 2, 5, 2),
                new Selection("throughput-codex", "ThroughputBenchmark",
                        params("impl", "codex", "threads", "1,100,1000,10000", "shards", "1"), 1, 3, 2, 5, 2),
                new Selection("rollback", "RollbackBenchmark",
                        params("impl", "turnstile,codex", "turns", "10,100,1000,10000"), 1, 2, 2, 5, 2),
                new Selection("resume", "ResumeBenchmark",
                        params("impl", "turnstile,codex", "turns", "10,100,1000,10000"), 1, 2, 2, 5, 2),
                new Selection("fork", "ForkBenchmark",
                        params("impl", "turnstile,codex", "turns", "10,100,1000,10000"), 1, 2, 2, 5, 2),
                new Selection("append", "JournalAppendBenchmark", params("impl", "turnstile,codex"), 1, 3, 2, 5, 2),
                new Selection("replay", "JournalReplayBenchmark",
                        params("impl", "turnstile,codex", "turns", "1000,10000"), 1, 2, 2, 5, 2),
                new Selection("memory", "IdleThreadMemoryBenchmark",
                        params("impl", "turnstile,codex,executor", "threads", "100000"), 1, 0, 0, 1, 0)));
    }
}
