package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.llm.batch.Answers;
import org.valuesim.core.llm.batch.OpenAiBatchStandIn;

/**
 * Prices against a stand-in whose usage counts prompts as a server's chat template does (ChatML around each message,
 * cl100k tokens): the estimate made before any call against the counts the run then makes; the budget stop and its
 * resumption; located errors for mistyped prices.
 */
class CostEndToEndTest {

    static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    OpenAiBatchStandIn server;

    /** The stand-in's answer, with usage as a ChatML server counts it: 4 framing tokens a message, 3 to reply. */
    static String answer(JsonNode body) {
        String completion = Answers.openAi(body);
        int prompt = 3;
        for (JsonNode m : body.path("messages")) {
            prompt += CL100K.countTokensOrdinary(m.path("content").asText()) + 4;
        }
        try {
            com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode)
                    JSON.readTree(completion);
            com.fasterxml.jackson.databind.node.ObjectNode usage = (com.fasterxml.jackson.databind.node.ObjectNode)
                    node.path("usage");
            usage.put("prompt_tokens", prompt);
            usage.put("total_tokens", prompt + 1);
            usage.remove("prompt_tokens_details");
            return JSON.writeValueAsString(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new OpenAiBatchStandIn(CostEndToEndTest::answer);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Path scenario(String extra) throws Exception {
        Path file = dir.resolve("priced.yaml");
        Files.writeString(file, """
                name: priced
                seed: 7
                population: {size: 20, preset: us-gss-2012, strategy: uniform}
                respondent: {kind: value-prompt, model: local}
                models:
                  local:
                    provider: openai-compatible
                    base-url: %s
                    model: qwen
                    api-key-env: VALUESIM_UNSET_KEY_FOR_ESTIMATE
                    max-in-flight: 4
                    pricing: {input: 2.0, output: 8.0}
                instruments: [pvq21]
                cache: %s
                %s
                """.formatted(server.baseUrl(), dir.resolve("cache.db"), extra));
        return file;
    }

    @Test
    void theEstimateBeforeAnyCallAgainstTheRunsCounts() throws Exception {
        Path scenario = scenario("");
        Cli estimate = Cli.run("estimate", scenario.toString(), "--json");
        assertEquals(0, estimate.exit(), estimate.err());
        assertEquals(0, server.liveCalls.get(), "an estimate calls nothing");
        assertFalse(Files.exists(dir.resolve("cache.db")), "and writes nothing");
        JsonNode m = JSON.readTree(estimate.out()).path("models").get(0);
        assertEquals(420, m.path("requests").asInt());
        assertEquals(210, m.path("shared").asInt());
        assertEquals(210, m.path("calls").asInt(), "10 distinct personas x 21 items");
        assertEquals(210, m.path("output_tokens").asInt(), "one token a number answer");
        assertEquals(210 * 8, m.path("output_tokens_at_most").asInt());

        // the run needs its key: in a child JVM that has it
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ValuesimCommand.class.getName(), "run", scenario.toString(),
                "--out", dir.resolve("run").toString(), "--quiet").redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.out").toFile());
        child.environment().put("VALUESIM_UNSET_KEY_FOR_ESTIMATE", "sk-test");
        assertEquals(0, child.start().waitFor(), Files.readString(dir.resolve("child.out")));
        JsonNode manifest = JSON.readTree(dir.resolve("run/manifest.json").toFile());
        assertEquals(m.path("calls").asInt(), manifest.at("/models/local/model_calls").asInt());
        long estimated = m.path("input_tokens").asLong();
        long counted = manifest.at("/models/local/tokens_in").asLong();
        // the estimate frames a message with 3 tokens (OpenAI), the stand-in's ChatML with 4: 2 more a call
        assertEquals(counted - 2L * 210, estimated, "exact up to the framing");
        double cost = manifest.at("/cost_usd").asDouble();
        assertEquals(counted * 2.0 / 1e6 + 210 * 8.0 / 1e6, cost, 1e-6);

        Cli again = Cli.run("estimate", scenario.toString(), "--json");
        JsonNode after = JSON.readTree(again.out()).path("models").get(0);
        assertEquals(0, after.path("calls").asInt(), "everything is in the cache now");
        assertEquals(210, after.path("cache_hits").asInt());
        Cli smaller = Cli.run("estimate", scenario.toString(), "--set", "population.size=10", "--json");
        assertEquals(210, JSON.readTree(smaller.out()).path("models").get(0).path("requests").asInt(), smaller.err());
        Cli text = Cli.run("estimate", scenario.toString());
        assertTrue(text.out().contains("requests 420: 210 shared with an identical request, 210 answered by the cache "
                + "-> 0 distinct calls"), text.out());
    }

    @Test
    void aStudysEstimateCountsAPromptItsConditionsShareOnceAndMatchesTheStudysCalls() throws Exception {
        Path base = scenario("");
        Files.writeString(base, Files.readString(base).replace("    api-key-env: VALUESIM_UNSET_KEY_FOR_ESTIMATE\n", ""));
        Path study = dir.resolve("study.yaml");
        // 20 uniform personas ask 210 distinct prompts (10 values x 21 items); 10 ask the same 210 again
        Files.writeString(study, "name: sizes\nbase: priced.yaml\nvary:\n  population.size: [20, 10]\n");
        Cli estimate = Cli.run("estimate", study.toString(), "--json");
        assertEquals(0, estimate.exit(), estimate.err());
        JsonNode m = JSON.readTree(estimate.out()).path("models").get(0);
        assertEquals(630, m.path("requests").asInt());
        assertEquals(420, m.path("shared").asInt(), "210 within the first run, all of the second's");
        assertEquals(210, m.path("calls").asInt());
        Cli text = Cli.run("estimate", study.toString());
        assertTrue(text.out().contains("study sizes, 2 runs (2 conditions x 1 replicates)"), text.out());

        Cli ran = Cli.run("study", study.toString(), "--out", dir.resolve("sizes").toString(), "--quiet");
        assertEquals(0, ran.exit(), ran.err());
        assertEquals(m.path("calls").asInt(), server.liveCalls.get(), "the study made the calls estimated");
    }

    @Test
    void theBudgetStopsTheRunBeforeACallWouldExceedItAndTheRunResumes() throws Exception {
        Path scenario = scenario("budget-usd: 0.5");
        // at these prices a call costs about half a cent and its ceiling three cents: the run stops early
        Files.writeString(scenario, Files.readString(scenario).replace("{input: 2.0, output: 8.0}",
                "{input: 40.0, output: 80.0}").replace("    api-key-env: VALUESIM_UNSET_KEY_FOR_ESTIMATE\n", ""));
        Path out = dir.resolve("budgeted");
        Cli stopped = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet");
        assertEquals(3, stopped.exit(), stopped.err());
        assertTrue(stopped.err().startsWith("stopped: budget-usd 0.5 would be exceeded: model local's next call may "
                + "cost up to $"), stopped.err());
        assertTrue(stopped.err().contains("--resume " + out), stopped.err());
        JsonNode m = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals("budget", m.at("/status").asText());
        assertEquals(0, m.at("/counts/failed_answers").asInt(), "a stop is no failed answer");
        int calledBefore = server.liveCalls.get();
        assertTrue(calledBefore > 0 && calledBefore < 210, calledBefore + " calls before the stop");
        assertTrue(m.at("/cost_usd").asDouble() <= 0.5, m.toString());

        Files.writeString(scenario, Files.readString(scenario).replace("budget-usd: 0.5", "budget-usd: 100"));
        Cli resumed = Cli.run("run", scenario.toString(), "--resume", out.toString(), "--quiet");
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(210, server.liveCalls.get(), "nothing asked twice");
        JsonNode done = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals("completed", done.at("/status").asText());
        assertEquals(420, done.at("/counts/ok_answers").asInt());
        assertTrue(done.at("/cost_usd").asDouble() > m.at("/cost_usd").asDouble(), "the cost carries over");
    }

    @Test
    void mistypedPricesAndBudgetsAreLocatedErrors() throws Exception {
        Path scenario = scenario("budget-usd: lots");
        Cli budget = Cli.run("validate", scenario.toString());
        assertEquals(2, budget.exit());
        assertTrue(budget.err().matches("(?s)error: .*priced.yaml:15:13: budget-usd: .*\\n"), budget.err());
        Files.writeString(scenario, Files.readString(scenario).replace("budget-usd: lots", "")
                .replace("{input: 2.0, output: 8.0}", "{input: cheap, output: 8.0}"));
        Cli price = Cli.run("estimate", scenario.toString());
        assertEquals(2, price.exit());
        assertTrue(price.err().matches("(?s)error: .*priced.yaml:12:\\d+: models.local.pricing.input: .*"), price.err());
        Files.writeString(scenario, Files.readString(scenario).replace("{input: cheap, output: 8.0}",
                "{input: 2.0, output: 8.0, batch-discount: 1.5}"));
        Cli discount = Cli.run("estimate", scenario.toString());
        assertEquals(2, discount.exit());
        assertTrue(discount.err().contains("models.local.pricing.batch-discount: the share taken off in a batch"),
                discount.err());
    }
}
