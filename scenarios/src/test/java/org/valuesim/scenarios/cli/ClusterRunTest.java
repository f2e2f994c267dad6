package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.log.ResponseLog;
import org.valuesim.scenarios.cluster.GridConfig;
import org.valuesim.scenarios.cluster.OpenAiStandIn;
import org.valuesim.scenarios.cluster.Worker;

/**
 * Runs on a cluster of members inside this JVM (TCP-IP on 127.0.0.1, a cluster name of its own, multicast and
 * auto-detection off) give the one-machine results byte for byte, with one, two and three members (each added while
 * the cluster is up: a member that joins late takes work).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRunTest {

    @TempDir
    static Path dir;
    final String name = "valuesim-test-" + UUID.randomUUID();
    final List<HazelcastInstance> members = new ArrayList<>();
    String first;

    @BeforeAll
    void firstMember() {
        addMember();
    }

    @AfterAll
    void stop() {
        members.forEach(HazelcastInstance::shutdown);
    }

    void atLeast(int count) {
        while (members.size() < count) {
            addMember();
        }
    }

    void addMember() {
        HazelcastInstance member = Worker.start(GridConfig.member(name, null, first == null ? List.of() : List.of(first),
                "127.0.0.1", null, 100_000, 4), dir.resolve("member-" + members.size() + ".db"));
        members.add(member);
        if (first == null) {
            var address = member.getCluster().getLocalMember().getAddress();
            first = address.getHost() + ":" + address.getPort();
        }
    }

    /** The statistics' resampling costs seconds per run and is the same code on both sides: the least allowed. */
    static final String[] LEAN = {"--set", "statistics.bootstrap=0", "--set", "statistics.permutations=99"};

    static final List<String> COMPARED = List.of("responses.csv", "actions.csv", "agents.csv", "summary.json");

    Path run(String out, String example, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "examples/" + example, "--out", dir.resolve(out).toString(),
                "--quiet"));
        args.addAll(List.of(more));
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertEquals(0, cli.exit(), cli.err());
        return dir.resolve(out);
    }

    void assertSame(Path expected, Path actual) throws Exception {
        int compared = 0;
        for (String file : COMPARED) {
            if (Files.exists(expected.resolve(file))) {
                assertEquals(-1L, Files.mismatch(expected.resolve(file), actual.resolve(file)), actual + ": " + file);
                compared++;
            } else {
                assertTrue(Files.notExists(actual.resolve(file)), file);
            }
        }
        assertTrue(compared >= 3, "responses, agents and summary are compared");
    }

    @Test
    void surveysAndDilemmasAreByteIdenticalToOneMachineOnOneTwoAndThreeMembers() throws Exception {
        String[] quickstart = {"quickstart.yaml", "--set", "population.size=120"};
        String[] publicGoods = {"public-goods-psychometric.yaml", "--set", "population.size=60"};
        Path quickHere = run("quick-here", quickstart[0], quickstart[1], quickstart[2], LEAN[0], LEAN[1], LEAN[2], LEAN[3]);
        Path goodsHere = run("goods-here", publicGoods[0], publicGoods[1], publicGoods[2], LEAN[0], LEAN[1], LEAN[2], LEAN[3]);
        assertTrue(Files.exists(goodsHere.resolve("actions.csv")));
        for (int size = 1; size <= 3; size++) {
            if (members.size() < size) {
                addMember();
            }
            assertSame(quickHere, run("quick-" + size, quickstart[0], quickstart[1], quickstart[2], LEAN[0], LEAN[1],
                    LEAN[2], LEAN[3], "--cluster", name, "--join", first));
            // odd block sizes: the last block of each round is short
            assertSame(goodsHere, run("goods-" + size, publicGoods[0], publicGoods[1], publicGoods[2], LEAN[0], LEAN[1],
                    LEAN[2], LEAN[3], "--cluster", name, "--join", first, "--shard-size", Integer.toString(7 * size)));
        }
        // the coordinator died with 40% of the answers logged: run --resume on the cluster asks only the rest
        Path crashed = dir.resolve("goods-crashed");
        Files.createDirectories(crashed);
        Files.copy(goodsHere.resolve("scenario.yaml"), crashed.resolve("scenario.yaml"));
        List<String> logged = Files.readAllLines(goodsHere.resolve(ResponseLog.FILE));
        Files.write(crashed.resolve(ResponseLog.FILE), logged.subList(0, logged.size() * 2 / 5));
        List<String> resume = new ArrayList<>(List.of("run", "examples/" + publicGoods[0], "--resume", crashed.toString(),
                "--quiet", "--cluster", name, "--join", first));
        resume.addAll(List.of(publicGoods[1], publicGoods[2], LEAN[0], LEAN[1], LEAN[2], LEAN[3]));
        Cli resumed = Cli.run(resume.toArray(String[]::new));
        assertEquals(0, resumed.exit(), resumed.err());
        assertSame(goodsHere, crashed);
        assertEquals(logged.size(), Files.readAllLines(crashed.resolve(ResponseLog.FILE)).size(), "none asked twice");
    }

    @Test
    void textReadingRespondentsAreByteIdenticalToOneMachine() throws Exception {
        for (String example : List.of("value-prompted-semantic.yaml", "valuesim-individuals-semantic.yaml")) {
            List<String> small = new ArrayList<>(List.of(LEAN));
            if (example.startsWith("value-prompted")) {
                small.addAll(List.of("--set", "population.size=12"));
            }
            Path here = run("here-" + example, example, small.toArray(String[]::new));
            List<String> args = new ArrayList<>(small);
            args.addAll(List.of("--cluster", name, "--join", first, "--shard-size", "5"));
            assertSame(here, run("cluster-" + example, example, args.toArray(String[]::new)));
        }
    }

    /**
     * The model-backed examples as shipped, pointed at the stand-in and made small (a few agents, or the first two
     * people of their data): on two members, the results of one machine.
     */
    @Test
    void modelBackedExamplesAreByteIdenticalToOneMachine() throws Exception {
        atLeast(2);
        Path gss = dir.resolve("gss-2.csv");
        Files.write(gss, Files.readAllLines(Path.of("examples/data/gss-individuals.csv")).subList(0, 3));
        Path sapa = dir.resolve("sapa-2.csv");
        Files.write(sapa, Files.readAllLines(Path.of("../data/sapa-spi/spi-sample.csv")).subList(0, 3));
        Map<String, String> small = new LinkedHashMap<>();
        small.put("value-prompted.yaml", "population.size=6");
        small.put("public-goods.yaml", "population.size=8");
        small.put("valuesim-individuals.yaml", "population.individuals.data=" + gss);
        small.put("valuesim-individuals-paper.yaml", "population.individuals.data=" + gss);
        small.put("sapa-individuals.yaml", "population.individuals.data=" + sapa);
        try (OpenAiStandIn server = new OpenAiStandIn(0, 0)) {
            for (Map.Entry<String, String> example : small.entrySet()) {
                String name = example.getKey();
                List<String> args = new ArrayList<>(List.of(LEAN));
                args.addAll(List.of("--set", example.getValue(), "--set", "models.local.base-url=" + server.baseUrl()));
                List<String> here = new ArrayList<>(args);
                here.addAll(List.of("--set", "cache=" + dir.resolve(name + "-here.db")));
                Path alone = run("example-here-" + name, name, here.toArray(String[]::new));
                List<String> clustered = new ArrayList<>(args);
                clustered.addAll(List.of("--set", "cache=" + dir.resolve(name + "-cluster.db"), "--cluster", this.name,
                        "--join", first, "--shard-size", "3"));
                Path cluster = run("example-cluster-" + name, name, clustered.toArray(String[]::new));
                // responses and actions save for how each answer was obtained (latency differs between any two runs)
                assertEquals(answers(alone), answers(cluster), name);
                boolean game = name.startsWith("public-goods");
                assertEquals(game, Files.exists(alone.resolve("actions.csv")), name);
                assertEquals(game, Files.exists(cluster.resolve("actions.csv")), name);
                if (game) {
                    assertEquals(withoutHow(alone.resolve("actions.csv")), withoutHow(cluster.resolve("actions.csv")), name);
                }
                for (String file : List.of("agents.csv", "summary.json")) {
                    assertEquals(-1L, Files.mismatch(alone.resolve(file), cluster.resolve(file)), name + ": " + file);
                }
            }
        }
    }


    /** A value-prompted scenario against the stand-in: 60 uniform personas share 10 x 21 = 210 distinct prompts. */
    static Path valuePrompted(OpenAiStandIn server, String cache) throws Exception {
        return valuePrompted(server, cache, dir);
    }

    static Path valuePrompted(OpenAiStandIn server, String cache, Path dir) throws Exception {
        Path scenario = dir.resolve("vp-" + cache + ".yaml");
        Files.writeString(scenario, """
                name: value-prompted
                seed: 7
                population: {size: 60, preset: us-gss-2012, strategy: uniform}
                respondent: {kind: value-prompt, model: local}
                models:
                  local: {provider: openai-compatible, base-url: %s, model: m, max-in-flight: 16, answer-mode: logprobs}
                instruments: [pvq21]
                statistics: {bootstrap: 0, permutations: 99}
                cache: %s
                """.formatted(server.baseUrl(), dir.resolve(cache)));
        return scenario;
    }

    /** responses.csv without the columns that say how an answer was obtained (cache hit, attempts, latency). */
    static List<String> answers(Path run) throws Exception {
        return withoutHow(run.resolve("responses.csv"));
    }

    /** A results table without the columns that say how an answer was obtained (cache hit, attempts, latency). */
    static List<String> withoutHow(Path table) throws Exception {
        List<String> rows = Files.readAllLines(table);
        List<String> header = List.of(rows.get(0).split(",", -1));
        List<Integer> how = List.of(header.indexOf("cache_hit"), header.indexOf("attempts"), header.indexOf("latency_ms"));
        assertTrue(!how.contains(-1), rows.get(0));
        List<String> kept = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.split(",", -1);
            for (int i : how) {
                cells[i] = "";
            }
            kept.add(String.join(",", cells));
        }
        return kept;
    }

    Path runFile(String out, Path scenario, String... more) {
        List<String> args = new ArrayList<>(List.of("run", scenario.toString(), "--out", dir.resolve(out).toString(),
                "--quiet"));
        args.addAll(List.of(more));
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertEquals(0, cli.exit(), cli.err());
        return dir.resolve(out);
    }

    @Test
    void aPromptIsAskedOnceInTheWholeClusterAndTheCacheOutlivesAMember() throws Exception {
        atLeast(3);
        try (OpenAiStandIn server = new OpenAiStandIn(0, 150)) {
            // blocks of 2 agents on three members: each prompt is wanted by several members at the same moment
            Path clustered = runFile("llm-cluster", valuePrompted(server, "coordinator.db"), "--cluster", name, "--join", first,
                    "--shard-size", "2");
            assertEquals(210, server.requests(), "each distinct prompt is one model call in the whole cluster");
            assertEquals(0, server.askedTwice());

            // a member crashes and comes back on its cache file: nothing is asked again
            HazelcastInstance crashed = members.remove(members.size() - 1);
            crashed.getLifecycleService().terminate();
            addMember();
            runFile("llm-cluster-again", valuePrompted(server, "coordinator.db"), "--cluster", name, "--join", first);
            assertEquals(210, server.requests(), "the cluster's cache survived the member's crash");

            server.delay(0);
            Path here = runFile("llm-here", valuePrompted(server, "here.db"));
            assertEquals(420, server.requests());
            assertEquals(answers(here), answers(clustered));
        }
    }

    /**
     * The coordinator's manifest counts the members' model calls: on three members in blocks of two agents (so that
     * members want the same prompt at the same moment), the requests, model calls, tokens and cost are those of one
     * machine with a fresh cache, and the calls' latencies are the stand-in's. A request another member answered is
     * shared or a hit in the cluster's cache where one machine shares it, so those two add up to one machine's.
     */
    @Test
    void theManifestCountsTheMembersModelCallsAsOneMachineDoes() throws Exception {
        atLeast(3);
        try (OpenAiStandIn server = new OpenAiStandIn(0, 30)) {
            Path scenario = priced(valuePrompted(server, "counted-cluster.db"), "counted");
            JsonNode cluster = manifest(runFile("counted-cluster", scenario, "--cluster", name, "--join", first,
                    "--shard-size", "2"));
            assertEquals(210, server.requests());
            Path here = dir.resolve("counted-here.yaml");
            Files.writeString(here, Files.readString(scenario).replace("counted-cluster.db", "counted-here.db"));
            JsonNode alone = manifest(runFile("counted-here", here));
            assertEquals(420, server.requests());

            assertEquals(60 * 21, alone.at("/counts/answers").asLong());
            assertEquals(210, alone.at("/counts/model_calls").asLong());
            assertEquals(alone.at("/counts/model_calls"), cluster.at("/counts/model_calls"));
            assertEquals(alone.at("/counts/cache_hits").asLong() + alone.at("/counts/shared_requests").asLong(),
                    cluster.at("/counts/cache_hits").asLong() + cluster.at("/counts/shared_requests").asLong());
            assertEquals(alone.at("/counts/retries"), cluster.at("/counts/retries"));
            JsonNode a = alone.at("/models/local");
            JsonNode c = cluster.at("/models/local");
            for (String figure : List.of("requests", "model_calls", "retries", "failed_requests", "tokens_in",
                    "tokens_out", "logprobs_missing", "cost_usd")) {
                assertEquals(a.get(figure), c.get(figure), figure);
            }
            assertEquals(1260, c.get("requests").asLong());
            assertTrue(c.get("tokens_in").asLong() > 0, c.toString());
            assertEquals(alone.at("/cost_usd"), cluster.at("/cost_usd"));
            for (String p : List.of("latency_p50_ms", "latency_p90_ms", "latency_p99_ms")) {
                assertTrue(c.get(p).asLong() >= 30 && c.get(p).asLong() < 5_000, p + " " + c);
            }
        }
    }

    /**
     * The value-prompted scenario with prices ($40 and $80 per million tokens) and a model name of its own (the
     * cluster's cache holds the other tests' answers of model m).
     */
    static Path priced(Path scenario, String model) throws Exception {
        Files.writeString(scenario, Files.readString(scenario).replace("model: m,", "model: " + model + ",").replace(
                "answer-mode: logprobs}", "answer-mode: logprobs, pricing: {input: 40.0, output: 80.0}}"));
        return scenario;
    }

    static JsonNode manifest(Path run) throws Exception {
        return new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
    }

    /**
     * budget-usd is one budget for the whole cluster: reached on the members, it stops the run with status budget and
     * no failed answer, within the budget; raised, the run resumes on the cluster and asks nothing twice.
     */
    @Test
    void aBudgetReachedOnTheMembersStopsTheRunAndItResumes() throws Exception {
        atLeast(2);
        try (OpenAiStandIn server = new OpenAiStandIn(0, 0)) {
            // 150 prompt and 1 output tokens a call: $0.00608 each, a ceiling of several cents; 210 calls cost $1.28
            Path scenario = priced(valuePrompted(server, "budget.db"), "priced");
            Files.writeString(scenario, Files.readString(scenario) + "budget-usd: 0.5\n");
            Path out = dir.resolve("budgeted");
            Cli stopped = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet", "--cluster", name,
                    "--join", first, "--shard-size", "5");
            assertEquals(ValuesimCommand.BUDGET, stopped.exit(), stopped.err());
            assertTrue(stopped.err().startsWith("stopped: budget-usd 0.5 would be exceeded"), stopped.err());
            JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
            assertEquals("budget", manifest.at("/status").asText());
            assertEquals(0, manifest.at("/counts/failed_answers").asInt(), "a stop is no failed answer");
            int before = server.requests();
            assertTrue(before > 0 && before < 210, before + " calls before the stop");
            assertTrue(before * 0.00608 <= 0.5, before + " calls: the members together kept to the budget");
            // calls still in flight when the run stopped may be answered after its manifest is written
            double stoppedCost = manifest.at("/cost_usd").asDouble();
            assertTrue(stoppedCost >= 0.00608 && stoppedCost <= before * 0.00608 + 1e-9, stoppedCost + " for " + before
                    + " calls: the members' cost is recorded");

            Files.writeString(scenario, Files.readString(scenario).replace("budget-usd: 0.5", "budget-usd: 100"));
            Cli resumed = Cli.run("run", scenario.toString(), "--resume", out.toString(), "--quiet", "--cluster", name,
                    "--join", first);
            assertEquals(0, resumed.exit(), resumed.err());
            assertEquals(210, server.requests(), "nothing asked twice");
            JsonNode done = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
            assertEquals("completed", done.at("/status").asText());
            double cost = done.at("/cost_usd").asDouble();
            assertTrue(cost > stoppedCost && cost <= 210 * 0.00608 + 1e-9, cost + ": the cost carries over");
            Path here = dir.resolve("budget-here.yaml");
            Files.writeString(here, Files.readString(scenario).replace("budget-usd: 100\n", "").replace("budget.db",
                    "budget-here.db"));
            assertEquals(answers(runFile("budget-here", here)), answers(out));
        }
    }

    /**
     * A study on the cluster (each run's agents in shards across the members, the study folder written here) gives
     * the study of one machine: study.csv and study.json byte for byte, and each run's results; a model-backed
     * condition's prompts are asked once in the whole cluster.
     */
    @Test
    void aStudyOnTheClusterIsTheStudyOfOneMachine() throws Exception {
        atLeast(2);
        try (OpenAiStandIn server = new OpenAiStandIn(0, 0)) {
            String study = """
                    name: cluster-study
                    seed: 5
                    replicates: 2
                    base:
                      name: small
                      population: {size: 12, preset: us-gss-2012}
                      instruments: [pvq21]
                      models:
                        local: {provider: openai-compatible, base-url: %s, model: study, max-in-flight: 16, answer-mode: logprobs}
                      statistics: {permutations: 99, bootstrap: 0}
                      cache: %s
                    conditions:
                      - name: psychometric
                      - name: prompted
                        set: {respondent.kind: value-prompt, respondent.model: local}
                    """;
            Path here = studyRun("study-here", study.formatted(server.baseUrl(), dir.resolve("study-here.db")));
            int asked = server.requests();
            assertTrue(asked > 0, "the prompted condition asked the stand-in");
            Path clustered = studyRun("study-cluster", study.formatted(server.baseUrl(), dir.resolve("study-cluster.db")),
                    "--cluster", name, "--join", first, "--shard-size", "4");
            assertEquals(2 * asked, server.requests(), "each distinct prompt once in the cluster, as on one machine");
            for (String file : List.of("study.csv", "study.json")) {
                assertEquals(-1L, Files.mismatch(here.resolve(file), clustered.resolve(file)), file);
            }
            List<String> runs = List.of("psychometric-r1", "psychometric-r2", "prompted-r1", "prompted-r2");
            for (String run : runs) {
                Path a = here.resolve("runs").resolve(run);
                Path b = clustered.resolve("runs").resolve(run);
                assertEquals(answers(a), answers(b), run);
                for (String file : List.of("agents.csv", "summary.json")) {
                    assertEquals(-1L, Files.mismatch(a.resolve(file), b.resolve(file)), run + ": " + file);
                }
            }
            // the runs went at once (2 per member), so the members were not idle between them
            List<Instant[]> spans = new ArrayList<>();
            for (String run : runs) {
                JsonNode m = manifest(clustered.resolve("runs").resolve(run));
                spans.add(new Instant[] {Instant.parse(m.at("/started").asText()), Instant.parse(m.at("/finished").asText())});
            }
            assertTrue(spans.stream().anyMatch(a -> spans.stream().anyMatch(b -> a != b && a[0].isBefore(b[1])
                    && b[0].isBefore(a[1]))), "some runs overlapped in time");

            // the coordinator killed: one run not started, one with 40% of its answers logged; --resume on the cluster
            Path log = clustered.resolve("runs/prompted-r1").resolve(ResponseLog.FILE);
            List<String> logged = Files.readAllLines(log);
            try (var files = Files.walk(clustered.resolve("runs/prompted-r1"))) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    if (Files.isRegularFile(f) && !f.endsWith("scenario.yaml")) {
                        Files.delete(f);
                    }
                }
            }
            Files.write(log, logged.subList(0, logged.size() * 2 / 5));
            try (var files = Files.walk(clustered.resolve("runs/psychometric-r2"))) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
            for (String file : List.of("study.csv", "study.json", "study.html")) {
                Files.delete(clustered.resolve(file));
            }
            Cli resumed = Cli.run("study", dir.resolve("study-cluster.yaml").toString(), "--resume", clustered.toString(),
                    "--quiet", "--cluster", name, "--join", first);
            assertEquals(0, resumed.exit(), resumed.err());
            for (String file : List.of("study.csv", "study.json")) {
                assertEquals(-1L, Files.mismatch(here.resolve(file), clustered.resolve(file)), "resumed: " + file);
            }
            assertEquals(2 * asked, server.requests(), "the resumed run's answers came from the cluster's cache");
            assertEquals(logged.size(), Files.readAllLines(log).size(), "no answer asked twice");
        }
    }

    Path studyRun(String out, String study, String... more) throws Exception {
        Path file = dir.resolve(out + ".yaml");
        Files.writeString(file, study);
        List<String> args = new ArrayList<>(List.of("study", file.toString(), "--out", dir.resolve(out).toString(),
                "--quiet"));
        args.addAll(List.of(more));
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertEquals(0, cli.exit(), cli.err());
        return dir.resolve(out);
    }

    @Test
    void noMemberReachableIsOneLineAndExitTwo() {
        Cli cli = Cli.run("run", "examples/quickstart.yaml", "--out", dir.resolve("none").toString(), "--quiet",
                "--cluster", "valuesim-nobody-" + UUID.randomUUID(), "--join", "127.0.0.1:1", "--connect-timeout", "1");
        assertEquals(2, cli.exit(), cli.err());
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
        assertTrue(cli.err().contains("no member of cluster"), cli.err());
        assertTrue(Files.notExists(dir.resolve("none")), "nothing is written");
    }

    @Test
    void aBatchModelIsRefusedOnAClusterWithOneLocatedLine() throws Exception {
        try (OpenAiStandIn server = new OpenAiStandIn(0, 0)) {
            Path scenario = valuePrompted(server, "batch.db");
            Files.writeString(scenario, Files.readString(scenario).replace("answer-mode: logprobs}",
                    "answer-mode: logprobs,\n          submit: batch}"));
            Cli cli = Cli.run("run", scenario.toString(), "--out", dir.resolve("batch").toString(), "--quiet",
                    "--cluster", name, "--join", first);
            assertEquals(2, cli.exit(), cli.err());
            assertEquals(1, cli.err().strip().lines().count(), cli.err());
            assertTrue(cli.err().contains(scenario + ":7:19: models.local.submit: submit: batch does not run on a cluster"),
                    cli.err());
            assertTrue(Files.notExists(dir.resolve("batch")), "nothing is written");
            assertEquals(0, server.requests());
        }
    }
}
