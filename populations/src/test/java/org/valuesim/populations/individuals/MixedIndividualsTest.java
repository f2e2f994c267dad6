package org.valuesim.populations.individuals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.persona.ProfileStatement;
import org.valuesim.populations.survey.AnswerTable;
import org.valuesim.populations.survey.Codebook;
import org.valuesim.populations.survey.CodebookInstrument;
import org.valuesim.populations.survey.SurveyReader;

/** Personas and backstories from a survey of mixed questions (demographics, behaviours, values, attitudes). */
class MixedIndividualsTest {

    @Test
    void everyKindOfAnswerBecomesAStatementAndHeldOutQuestionsNeverShow() throws Exception {
        Codebook codebook = new SurveyReader().readCodebook(Path.of("src/test/resources/survey/mixed.yaml"));
        AnswerTable table = new SurveyReader().readAnswers(Path.of("src/test/resources/survey/mixed.csv"), codebook);
        Instrument instrument = CodebookInstrument.of(codebook, table);
        List<Persona> all = new IndividualsImporter().personas(table, instrument, Set.of());
        Persona first = all.get(0);
        assertEquals(List.of("demographic:age", "demographic:country", "trust", "rich", "voted", "vote-party", "happy",
                "children"), first.profile().stream().map(ProfileStatement::key).toList());
        String story = new TemplateBackstoryWriter().story(first);
        assertTrue(story.contains("Asked \"Which party did you vote for?\", you answered \"left\"."), story);
        assertTrue(story.contains("Asked \"Did you vote in the last election?\", you answered \"yes\"."), story);
        assertTrue(story.contains("Your age is under 30."), story);
        assertEquals(1.0, new TemplateBackstoryWriter().write(first).coverage(), "every question of every kind is told");
        // the unordered party keeps no option position; ordered answers do
        assertFalse(first.profile().get(5).isOrderedAnswer());
        assertEquals(8, first.profile().get(6).option());
        assertEquals(11, first.profile().get(6).options());

        List<Persona> hidden = new IndividualsImporter().personas(table, instrument, Set.of("vote-party", "age"));
        for (Persona p : hidden) {
            String text = new TemplateBackstoryWriter().story(p);
            assertFalse(text.contains("party") || text.contains("age"), text);
            assertFalse(p.demographics().containsKey("age"));
            assertEquals(1.0, new TemplateBackstoryWriter().write(p).coverage());
        }
    }
}
