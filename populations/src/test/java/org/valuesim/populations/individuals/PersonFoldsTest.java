package org.valuesim.populations.individuals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.valuesim.core.values.ValueProfile;
import org.valuesim.populations.survey.AnswerTable;
import org.valuesim.populations.survey.Codebook;
import org.valuesim.populations.survey.DataException;
import org.valuesim.populations.survey.SurveyReader;

/** Person-level folds on the committed GSS 2012 file. */
class PersonFoldsTest {

    static final Path DATA = Path.of("../data/us-gss-2012/gss2012_values_numeric.csv");
    static final Path CODEBOOK = Path.of("../data/us-gss-2012/codebook.yaml");

    static AnswerTable first(AnswerTable table, int people) {
        return table.rows(java.util.stream.IntStream.range(0, people).boxed().toList());
    }

    static String json(Object preset) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(preset);
    }

    @Test
    void nothingAPersonAnsweredReachesTheModelUsedForThem() throws Exception {
        SurveyReader reader = new SurveyReader();
        Codebook codebook = reader.readCodebook(CODEBOOK);
        AnswerTable table = first(reader.readAnswers(DATA, codebook), 60);
        PersonFolds folds = PersonFolds.fit(codebook, table, 3);
        assertEquals(folds.fold(7), PersonFolds.fit(codebook, table, 3).fold(7), "seeded");
        int[] sizes = new int[PersonFolds.FOLDS];
        for (int r = 0; r < 60; r++) {
            sizes[folds.fold(r)]++;
        }
        assertEquals(List.of(12, 12, 12, 12, 12), java.util.Arrays.stream(sizes).boxed().toList());
        // every answer of person 7 changed: the model for person 7 (and the fold's others) stays the same, while the
        // models of the other folds, which learn from person 7, move
        int[][] changed = new int[60][];
        for (int r = 0; r < 60; r++) {
            changed[r] = table.answers()[r].clone();
        }
        for (int i = 0; i < changed[7].length; i++) {
            changed[7][i] = 7 - changed[7][i];
        }
        AnswerTable other = new AnswerTable(table.respondentIds(), table.items(), table.values(), table.options(), changed,
                table.demographics(), table.groups());
        PersonFolds refitted = PersonFolds.fit(codebook, other, 3);
        assertEquals(json(folds.preset(7)), json(refitted.preset(7)));
        int otherFold = (folds.fold(7) + 1) % PersonFolds.FOLDS;
        assertNotEquals(json(folds.presets().get(otherFold)), json(refitted.presets().get(otherFold)));
    }

    @Test
    void latentValuesComeFromTheShownAnswersOnly() throws Exception {
        SurveyReader reader = new SurveyReader();
        Codebook codebook = reader.readCodebook(CODEBOOK);
        AnswerTable table = first(reader.readAnswers(DATA, codebook), 60);
        PersonFolds folds = PersonFolds.fit(codebook, table, 3);
        List<ValueProfile> all = LatentValues.of(table, folds, Set.of());
        List<ValueProfile> hidden = LatentValues.of(table, folds, Set.of("pvq21-02", "pvq21-17"));
        // power's two items hidden: power is then inferred from the other values alone
        assertNotEquals(all.get(0), hidden.get(0));
        int[][] changed = table.answers().clone();
        changed[0] = changed[0].clone();
        changed[0][1] = 7 - changed[0][1];
        changed[0][16] = 7 - changed[0][16];
        AnswerTable other = new AnswerTable(table.respondentIds(), table.items(), table.values(), table.options(), changed,
                table.demographics(), table.groups());
        assertEquals(hidden.get(0), LatentValues.of(other, folds, Set.of("pvq21-02", "pvq21-17")).get(0),
                "a held-out answer changes nothing");
        // the posterior follows the person: person 0 rates "rich" 1 and "respect" 2, far below the average power
        double power = all.get(0).get(org.valuesim.core.values.SchwartzValue.POWER);
        assertTrue(power < folds.preset(0).latent().means()[org.valuesim.core.values.SchwartzValue.POWER.ordinal()],
                "person 0's power " + power);
    }

    @Test
    void tooFewPeopleForAModelIsSaid() throws Exception {
        SurveyReader reader = new SurveyReader();
        Codebook codebook = reader.readCodebook(CODEBOOK);
        AnswerTable table = first(reader.readAnswers(DATA, codebook), 3);
        DataException e = assertThrows(DataException.class, () -> PersonFolds.fit(codebook, table, 1));
        assertTrue(e.getMessage().contains("person fold") && e.getMessage().contains("at least 3"), e.getMessage());
    }
}
