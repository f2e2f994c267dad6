package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.populations.survey.AnswerTable;
import org.valuesim.scenarios.catalog.SurveyFiles;

/** The file formats README.md shows are files valuesim reads: a user copies them and they work. */
class ReadmeExamplesTest {

    @TempDir
    Path dir;

    /** The fenced YAML block of README.md whose first line is {@code firstLine}. */
    static String yamlBlock(String firstLine) throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("```yaml\n" + firstLine);
        assertTrue(start >= 0, "README.md shows a YAML block starting " + firstLine);
        start += "```yaml\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    @Test
    void theScenarioAndInstrumentExamplesValidate() throws Exception {
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, yamlBlock("name: quickstart"));
        Cli cli = Cli.run("validate", scenario.toString());
        assertEquals(0, cli.exit(), cli.err());
        Path instrument = dir.resolve("my-survey.yaml");
        Files.writeString(instrument, yamlBlock("id: my-survey"));
        Files.writeString(scenario, "name: t\npopulation: {size: 5, strategy: uniform}\nrespondent: {kind: semantic}\n"
                + "instruments: [my-survey.yaml]\n");
        cli = Cli.run("validate", scenario.toString());
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().contains("instrument: my-survey (5 items"), cli.out());
    }

    /** The codebook example reads a raw ESS-style file, whose youngest respondents are 15. */
    @Test
    void theCodebookExampleReadsAnEssFileWithRespondentsUnder18() throws Exception {
        Path codebook = dir.resolve("codebook.yaml");
        Files.writeString(codebook, yamlBlock("name: ess-de"));
        Path data = dir.resolve("ess.csv");
        Files.writeString(data, "idno,cntry,ipcrtiv,imprich,agea,gndr\n101,DE,1,6,15,2\n102,DE,2,8,45,1\n103,DE,6,1,999,9\n");
        SurveyFiles survey = SurveyFiles.read(data, codebook, null);
        AnswerTable table = survey.table();
        assertEquals(List.of("101", "102", "103"), table.respondentIds());
        assertEquals(List.of(6, 1), List.of(table.answers()[0][0], table.answers()[0][1]), "ESS 1 = very much like me");
        assertEquals(0, table.answers()[1][1], "8 is missing");
        assertEquals(Map.of("age", "<18", "gender", "female"), table.demographics().get(0));
        assertEquals(Map.of("age", "45-59", "gender", "male"), table.demographics().get(1));
        assertEquals(Map.of(), table.demographics().get(2));
    }
}
