package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped studies: each model-backed one plans (every condition checked, no call made), and its offline twin
 * runs end to end as a pipeline check.
 */
class ReadyStudiesTest {

    static final String STUDIES = "../studies/";

    @TempDir
    Path dir;

    JsonNode runTwin(String twin, int runs) throws Exception {
        Path out = dir.resolve(Path.of(twin).getFileName().toString());
        Cli cli = Cli.run("study", STUDIES + twin, "--out", out.toString(), "--quiet");
        assertEquals(0, cli.exit(), cli.err());
        JsonNode study = new ObjectMapper().readTree(out.resolve("study.json").toFile());
        assertEquals(runs, study.at("/completed").asInt());
        assertTrue(Files.readString(out.resolve("study.html")).contains("<svg"));
        return study;
    }

    static List<String> names(JsonNode study) {
        List<String> out = new ArrayList<>();
        study.at("/conditions").forEach(c -> out.add(c.at("/name").asText()));
        return out;
    }

    /** validate plans a study: every run checked, none made, nothing written. */
    @Test
    void theModelBackedStudiesPlan() {
        Cli cli = Cli.run("validate", STUDIES + "teaching-values/value-structure.yaml");
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().startsWith(STUDIES + "teaching-values/value-structure.yaml: valid study value-structure: "
                + "7 conditions x 3 replicates = 21 runs (seed 42;"), cli.out());
        assertTrue(cli.out().contains("\nruns/llama-70b-r3: seed 44, 1,000 personas (human-naive), respondent "
                + "value-prompt\n"), cli.out());
        cli = Cli.run("validate", STUDIES + "valuesim/respondents.yaml");
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().contains(" 5 conditions x 3 replicates = 15 runs (seed 42;"), cli.out());
        assertTrue(cli.out().contains("\nruns/backstory-caps-average-r3: seed 44, accuracy of imported individuals (5 folds), "
                + "respondent backstory-caps\n"), cli.out());
        cli = Cli.run("validate", STUDIES + "teaching-values/population-strategies.yaml", "--set", "population.size=200");
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().contains("\nruns/sampled-r1: seed 42, 200 personas (sampled), respondent value-prompt\n"),
                cli.out());
    }

    @Test
    void populationStrategiesOffline() throws Exception {
        JsonNode study = runTwin("teaching-values/population-strategies-offline.yaml", 10);
        assertEquals(List.of("h-np", "h-even", "h-norm", "uniform", "sampled"), names(study));
        for (JsonNode c : study.at("/conditions")) {
            JsonNode r = c.at("/statistics/human_agreement.pearson_r");
            assertEquals(2, r.at("/n").asInt(), c.toString());
            assertTrue(r.at("/ci95/0").asDouble() <= r.at("/mean").asDouble());
        }
    }

    @Test
    void valueStructureOffline() throws Exception {
        JsonNode study = runTwin("teaching-values/value-structure-offline.yaml", 4);
        assertEquals(List.of("psychometric", "semantic"), names(study));
        assertEquals("human_agreement.pearson_r", study.at("/headline/0").asText());
        assertEquals(2, study.at("/conditions/0/statistics/circumplex.procrustes_congruence/n").asInt());
    }

    /** The accuracy study's twin: every run a bench individuals folder, the history curve with intervals. */
    @Test
    void respondentsOffline() throws Exception {
        JsonNode study = runTwin("valuesim/respondents-offline.yaml", 4);
        assertEquals(List.of("3-folds", "5-folds"), names(study));
        for (JsonNode c : study.at("/conditions")) {
            assertEquals(2, c.at("/statistics/accuracy.top1/n").asInt(), c.toString());
            List<String> predictors = new ArrayList<>();
            c.at("/history").fieldNames().forEachRemaining(predictors::add);
            assertEquals(List.of("majority", "knn", "semantic"), predictors);
            JsonNode curve = c.at("/history/semantic");
            assertEquals(5, curve.size());
            assertEquals(0.0, curve.at("/0/history").asDouble());
            assertEquals(c.at("/statistics/accuracy.top1/mean").asDouble(), curve.at("/4/top1/mean").asDouble(), 1e-9,
                    "the full-history point is the headline");
            assertTrue(curve.at("/4/top1/ci95/0").asDouble() <= curve.at("/4/top1/mean").asDouble());
        }
        Path out = dir.resolve("respondents-offline.yaml");
        assertTrue(Files.readString(out.resolve("study.html")).contains("Individual-level accuracy by history share"));
        assertTrue(Files.exists(out.resolve("runs/5-folds-r2/accuracy.csv")) && Files.exists(out.resolve("runs/5-folds-r2/report.html")));
    }
}
