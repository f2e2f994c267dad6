package org.valuesim.scenarios.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The model-backed example scenarios, pointed at a loopback stand-in instead of localhost:8000. */
class ExampleScenariosTest {

    @TempDir
    Path dir;
    WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(32));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static String completion(String content) {
        return "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"q\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":300,\"completion_tokens\":20,\"total_tokens\":320}}";
    }

    /** The example with its server moved to the stand-in, next to the example so its relative paths hold. */
    Path example(String name) throws Exception {
        Path original = Path.of("examples", name);
        Path copy = original.resolveSibling("target-test-" + name);
        Files.writeString(copy, Files.readString(original).replace("http://localhost:8000/v1",
                "http://127.0.0.1:" + server.port() + "/v1") + "cache: " + dir.resolve("cache.db") + "\n");
        copy.toFile().deleteOnExit();
        return copy;
    }

    @ParameterizedTest
    @ValueSource(strings = {"value-prompted.yaml", "valuesim-individuals.yaml", "valuesim-individuals-paper.yaml",
        "value-prompted-semantic.yaml", "valuesim-individuals-semantic.yaml", "public-goods.yaml",
        "public-goods-psychometric.yaml", "sapa-individuals.yaml", "sapa-individuals-semantic.yaml"})
    void examplesAreValid(String name) {
        Cli cli = Cli.run("validate", "examples/" + name);
        assertEquals(0, cli.exit(), cli.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sapa-individuals.yaml", "sapa-individuals-semantic.yaml"})
    void theSapaPeopleAnswerTheirOwnQuestionsWithTheBehavioursHeldOut(String name) {
        Cli cli = Cli.run("validate", "examples/" + name);
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().contains("instrument: sapa-spi (139 items, up to 9 options)"), cli.out());
        assertTrue(cli.out().contains("    held-out:\n    - health\n    - exer\n    - smoke\n    - ER\n"), cli.out());
        assertTrue(cli.out().contains("\ncompare to: none\n"), "imported people have no human value reference: " + cli.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"value-prompted-semantic.yaml", "valuesim-individuals-semantic.yaml"})
    void semanticTwinsRunWithNoServerAndAreDeterministic(String name) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Cli first = Cli.run("run", "examples/" + name, "--out", a.toString(), "--quiet");
        assertEquals(0, first.exit(), first.err());
        assertEquals(0, Cli.run("run", "examples/" + name, "--out", b.toString(), "--quiet").exit());
        assertEquals(-1L, Files.mismatch(a.resolve("responses.csv"), b.resolve("responses.csv")));
        JsonNode manifest = new ObjectMapper().readTree(a.resolve("manifest.json").toFile());
        assertEquals(0, manifest.at("/counts/failed_answers").asInt());
        assertEquals("semantic", manifest.at("/respondent").asText());
        assertEquals(0, manifest.at("/counts/model_calls").asInt());
        JsonNode summary = new ObjectMapper().readTree(a.resolve("summary.json").toFile());
        List<String> agents = Files.readAllLines(a.resolve("agents.csv"));
        int latent = List.of(agents.get(0).split(",")).indexOf("latent_power");
        if (name.startsWith("value-prompted")) {
            // a value-prompted population's value structure is human-like (it was phi 0.39 before the rebuild)
            assertTrue(summary.at("/human_agreement/tucker_phi").asDouble() >= 0.8, summary.at("/human_agreement").toString());
            assertTrue(agents.get(1).split(",", -1)[latent].isEmpty(), "value-prompted personas have no latent values");
        } else {
            // imported individuals get latent values inferred from their answers, which their dilemma moves use
            assertTrue(agents.stream().skip(1).allMatch(l -> !l.split(",", -1)[latent].isEmpty()), agents.get(1));
        }
    }

    @Test
    void valueSimIndividualsAnswerThroughTheCapsModulesAndTheCoordinator() throws Exception {
        // the affective module disagrees on every item, so each answer takes a coordinator call
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(completion("Analysis: it fits.\\nAnswer: 4"))));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("affective perspective"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(completion("Analysis: it moves me.\\nAnswer: 6"))));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("Three analyses of the question"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(completion("5"))));
        Path scenario = example("valuesim-individuals.yaml");
        Path out = dir.resolve("run");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet");
        Files.deleteIfExists(scenario);
        assertEquals(0, cli.exit(), cli.err());
        assertEquals(20 * 21 * 4, server.getAllServeEvents().size(), "3 modules and a coordinator per answer: "
                + Files.readAllLines(out.resolve("modules.csv")).subList(0, 4));
        List<String> responses = Files.readAllLines(out.resolve("responses.csv"));
        assertEquals(1 + 20 * 21, responses.size());
        assertTrue(responses.get(1).startsWith("0,pvq21,pvq21-01,5,Like me,"), responses.get(1));
        List<String> modules = Files.readAllLines(out.resolve("modules.csv"));
        assertEquals(1 + 20 * 21 * 3, modules.size());
        assertEquals("0,pvq21,pvq21-01,affective,6,it moves me.", modules.get(2));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(0.0, summary.at("/caps/agreement_rate").asDouble());
        assertEquals(420, summary.at("/caps/coordinator_calls").asInt());
        assertEquals("individuals", summary.at("/population/strategy").asText());
        String coordinator = server.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.contains("Three analyses of the question")).findFirst().orElseThrow();
        assertTrue(coordinator.contains("Affective perspective (answer 6): it moves me."), coordinator);
    }

    void stub(String contains, String content) {
        var request = post(urlEqualTo("/v1/chat/completions"));
        if (contains != null) {
            request = request.withRequestBody(containing(contains));
        }
        server.stubFor(request.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(completion(content))));
    }

    @Test
    void valuePromptedPublicGoodsSeesItsNeighboursAndRecordsEveryMove() throws Exception {
        stub(null, "4");
        stub("shared pot", "7");
        Path scenario = example("public-goods.yaml");
        Files.writeString(scenario, Files.readString(scenario).replace("size: 200", "size: 30"));
        Path out = dir.resolve("run");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet");
        Files.deleteIfExists(scenario);
        assertEquals(0, cli.exit(), cli.err());
        List<String> actions = Files.readAllLines(out.resolve("actions.csv"));
        assertEquals(1 + 30 * 10, actions.size());
        assertTrue(actions.get(0).startsWith("agent_id,dilemma,round,action,payoff,cooperation,status"), actions.get(0));
        assertTrue(actions.get(1).startsWith("0,public-goods,1,7,"), actions.get(1));
        // every agent has six contacts that each put in 7: (10 - 7) + 7 pots x 3 x 7 / 7 = 24 (degree varies a little)
        String secondRound = server.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.contains("round 2 of 10")).findFirst().orElseThrow();
        assertTrue(secondRound.contains("you chose 7"), secondRound);
        assertTrue(secondRound.contains("Your contacts chose: 7, 7, 7"), secondRound);
        // memory: 3 shows rounds 2, 3 and 4 in round 5, oldest first
        String fifthRound = server.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.contains("round 5 of 10")).findFirst().orElseThrow();
        assertTrue(fifthRound.contains("Here are the last 3 rounds, oldest first:"), fifthRound);
        int r2 = fifthRound.indexOf("Round 2: you chose 7");
        int r4 = fifthRound.indexOf("Round 4: you chose 7");
        assertTrue(r2 > 0 && r4 > r2 && !fifthRound.contains("Round 1:"), fifthRound);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(0.7, summary.at("/dilemmas/public-goods/mean_cooperation").asDouble(), 1e-9);
        assertEquals(10, summary.at("/dilemmas/public-goods/cooperation_by_round").size());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(300, manifest.at("/counts/moves").asInt());
        assertEquals(300, manifest.at("/counts/ok_moves").asInt() + manifest.at("/counts/failed_moves").asInt());
        assertTrue(Files.readString(out.resolve("report.html")).contains("Cooperation over rounds"));
    }

    @Test
    void modelBackedDonationsAndUnreadablePrisonersDilemmaMovesAreRecorded() throws Exception {
        stub(null, "4");
        stub("charitable causes", "1: 2\\n2: 3\\n3: 0\\n4: 0\\n5: 5");
        stub("cooperate or to defect", "I would rather think about it.");
        Path scenario = dir.resolve("games.yaml");
        Files.writeString(scenario, """
                name: games
                seed: 3
                population: {size: 12, preset: us-gss-2012, strategy: human-naive}
                respondent: {kind: value-prompt, model: local}
                models:
                  local: {provider: openai-compatible, base-url: "http://127.0.0.1:%d/v1", model: q, answer-mode: sample}
                instruments: []
                dilemmas:
                  - {kind: donation, rounds: 2, network: {kind: ring, degree: 2}}
                  - {kind: prisoners-dilemma, rounds: 2, network: {kind: complete}}
                cache: %s
                """.formatted(server.port(), dir.resolve("cache.db")));
        Path out = dir.resolve("games");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, cli.exit(), cli.err());
        // raw texts with line breaks are quoted cells spanning lines, so count the rows by their start
        List<String> actions = Files.readAllLines(out.resolve("actions.csv")).stream()
                .filter(l -> l.matches("\\d+,(donation|prisoners-dilemma),\\d+,.*")).toList();
        assertEquals(12 * 2 + 12 * 2, actions.size());
        assertTrue(actions.get(0).startsWith("0,donation,1,environment=2;food-bank=3;congregation=0;emergency=0;keep=5,5,0.5,ok"),
                actions.get(0));
        String pd = actions.stream().filter(a -> a.contains(",prisoners-dilemma,1,")).findFirst().orElseThrow();
        assertTrue(pd.contains(",failed,") && pd.contains("I would rather think about it."), pd);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(List.of(12, 12), List.of(summary.at("/dilemmas/prisoners-dilemma/failed_moves_by_round/0").asInt(),
                summary.at("/dilemmas/prisoners-dilemma/failed_moves_by_round/1").asInt()));
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(48, manifest.at("/counts/moves").asInt());
        assertEquals(24, manifest.at("/counts/failed_moves").asInt());
        // a failed move earns nothing from games it did not play, and the next round says it could not be read
        String next = server.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.contains("cooperate or to defect") && b.contains("round 2 of 2")).findFirst().orElseThrow();
        assertTrue(next.contains("nothing (your answer could not be read)"), next);
    }

    @Test
    void thePsychometricTwinIsDeterministicAndGivesMoreWithSelfTranscendence() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Cli first = Cli.run("run", "examples/public-goods-psychometric.yaml", "--out", a.toString(), "--quiet");
        assertEquals(0, first.exit(), first.err());
        assertEquals(0, Cli.run("run", "examples/public-goods-psychometric.yaml", "--out", b.toString(), "--quiet").exit());
        for (String file : List.of("actions.csv", "responses.csv", "agents.csv", "summary.json")) {
            assertEquals(-1L, Files.mismatch(a.resolve(file), b.resolve(file)), file);
        }
        JsonNode vb = new ObjectMapper().readTree(a.resolve("summary.json").toFile()).at("/value_behaviour/public-goods");
        assertTrue(vb.at("/correlations/universalism").asDouble() > 0.05, vb.toString());
        assertTrue(vb.at("/correlations/benevolence").asDouble() > 0.05, vb.toString());
        assertTrue(vb.at("/correlations/achievement").asDouble() < -0.05, vb.toString());
        assertTrue(vb.at("/correlations/power").asDouble() < -0.05, vb.toString());
        assertEquals(1000, vb.at("/agents").asInt());
        Cli compare = Cli.run("compare", a.toString(), b.toString());
        assertEquals(0, compare.exit(), compare.err());
        assertTrue(compare.out().lines().anyMatch(l -> l.startsWith("dilemmas.public-goods.cooperation_by_round[10] ")
                && l.trim().endsWith(" 0")), compare.out());
    }
}
