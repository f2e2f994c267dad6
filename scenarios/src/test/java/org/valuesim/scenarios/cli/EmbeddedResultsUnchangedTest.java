package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded respondent's results are byte for byte those of the code before it was made fast (commit 3cb8af3):
 * 500 psychometric personas answer ordinal value items (PVQ-21), trait items (IPIP Big Five) and items with human
 * answer shares (the WVS sample), then play all four games. The digests are of that commit's files for this scenario.
 */
class EmbeddedResultsUnchangedTest {

    static final Map<String, String> DIGESTS = Map.of(
            "responses.csv", "daf418f9a2e783dde9068a7b1aab923d4281daae729dbf5e504c4119d43c507d",
            "actions.csv", "9c73c6ca3bf5a8ad218bef4823dd095bf35b7d8029a56beed399b801001a2f97",
            "agents.csv", "bc7a12d877e4932d82319f1e846273b4945a2c57bd56f168d776c2e825b12375");

    /**
     * A survey-only run (no dilemmas): its personas are drawn a window at a time, agents.csv is written as agents are
     * scored and the summary's statistics read packed scores. Digests of commit b5de010's files, before those changes,
     * for the scenario below (5,000 personas: two windows; a bootstrap, permutation tests and a human reference).
     */
    static final Map<String, String> SURVEY_DIGESTS = Map.of(
            "responses.csv", "ca6d689ecf49d3620d2cb7d3a372e597312f5766334629c76db1ac57833d58bd",
            "agents.csv", "72effe4c9ebdb3808040ef730e1a30348e8be6767e5b9c62a538fcb941b7e81e",
            "summary.json", "5f19fd40c7ce5ee9c256649fedb7d1d0c25050ec6ba9797b273772b3e381f2e5");

    @TempDir
    Path dir;

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void resultsAreByteIdenticalToThoseBeforeTheFastPath() throws Exception {
        Path scenario = dir.resolve("all-games.yaml");
        Files.writeString(scenario, """
                name: all-games
                seed: 7
                population:
                  size: 500
                  preset: us-gss-2012
                  strategy: sampled
                  demographics: {country: Mexico}
                respondent:
                  kind: psychometric
                instruments: [pvq21, ipip-big5, wvs-sample]
                dilemmas:
                  - kind: dictator
                    rounds: 3
                    network: {kind: ring, degree: 4}
                  - kind: donation
                    rounds: 2
                  - kind: prisoners-dilemma
                    rounds: 5
                    network: {kind: scale-free, m: 2}
                  - kind: public-goods
                    rounds: 3
                    network: {kind: complete}
                """);
        for (String mode : new String[] {"logged", "--no-log"}) {
            Path out = dir.resolve(mode);
            Cli cli = mode.equals("logged") ? Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet")
                    : Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet", "--no-log");
            assertEquals(0, cli.exit(), cli.err());
            for (var expected : DIGESTS.entrySet()) {
                assertEquals(expected.getValue(), sha256(out.resolve(expected.getKey())), mode + ": " + expected.getKey());
            }
        }
    }

    @Test
    void aSurveyOnlyRunStreamingItsAgentsHasTheResultsOfBefore() throws Exception {
        Path scenario = dir.resolve("stream-5k.yaml");
        Files.writeString(scenario, """
                name: stream-5k
                seed: 11
                population:
                  size: 5000
                  preset: us-gss-2012
                  strategy: sampled
                respondent:
                  kind: psychometric
                instruments: [pvq21, ipip-big5]
                compare-to: us-gss-2012
                statistics: {bootstrap: 200, permutations: 99}
                """);
        Path out = dir.resolve("out");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet", "--no-log");
        assertEquals(0, cli.exit(), cli.err());
        for (var expected : SURVEY_DIGESTS.entrySet()) {
            assertEquals(expected.getValue(), sha256(out.resolve(expected.getKey())), expected.getKey());
        }
    }
}
