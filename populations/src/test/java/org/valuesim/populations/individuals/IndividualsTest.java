package org.valuesim.populations.individuals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.PortraitText;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.persona.ProfileStatement;
import org.valuesim.populations.survey.AnswerTable;

class IndividualsTest {

    static final Instrument PVQ = new Instrument("pvq21", "PVQ", "s", "Read each description.",
            "How much like you is this person?", new ResponseScale("likert", List.of(
                    new ResponseOption(1, "Not like me at all"), new ResponseOption(2, "Not like me"),
                    new ResponseOption(3, "A little like me"), new ResponseOption(4, "Somewhat like me"),
                    new ResponseOption(5, "Like me"), new ResponseOption(6, "Very much like me"))),
            List.of(new Item("pvq21-02", "It is important to (her/him) to be rich. (S/he) wants to have a lot of "
                            + "money and expensive things.", "power", false),
                    new Item("pvq21-12", "It's very important to (her/him) to help the people around (her/him). "
                            + "(S/he) wants to care for their well-being.", "benevolence", false),
                    new Item("pvq21-20", "Tradition is important to (her/him). (S/he) tries to follow the customs "
                            + "handed down by (her/his) religion or (her/his) family.", "tradition", false)));

    static AnswerTable table() {
        return new AnswerTable(List.of("a", "b"), List.of("pvq21-02", "pvq21-12", "pvq21-20"),
                List.of("power", "benevolence", "tradition"), 6, new int[][] {{2, 6, 0}, {5, 1, 3}},
                List.of(Map.of("gender", "female", "age", "30-44"), Map.of()), List.of("", ""));
    }

    @Test
    void portraitPlaceholdersRenderByGenderOrNeutrally() {
        String text = "(S/he) likes to do things in (her/his) own way. It matters to (her/him) to enjoy (her/him)self.";
        assertEquals("She likes to do things in her own way. It matters to her to enjoy herself.",
                PortraitText.render(text, "female"));
        assertEquals("She or he likes to do things in her or his own way. It matters to her or him to enjoy "
                + "herself or himself.", PortraitText.render(text, null));
    }

    @Test
    void aHeldOutDemographicIsHiddenLikeAnyQuestion() {
        Persona a = new IndividualsImporter().personas(table(), PVQ, Set.of("gender")).get(0);
        assertEquals(List.of("demographic:age", "pvq21-02", "pvq21-12"), a.profile().stream().map(ProfileStatement::key)
                .toList());
        assertEquals(Map.of("age", "30-44"), a.demographics());
        assertTrue(a.profile().get(1).text().contains("important to her or him to be rich"),
                "a held-out gender does not show through the item text");
    }

    @Test
    void answeredItemsBecomeStatementsDemographicsFactsAndHeldOutItemsStayHidden() {
        List<Persona> personas = new IndividualsImporter().personas(table(), PVQ, Set.of("pvq21-12"));
        Persona a = personas.get(0);
        List<String> keys = a.profile().stream().map(ProfileStatement::key).toList();
        // the held-out item and the missing answer are not shown; the demographics are
        assertEquals(List.of("demographic:age", "demographic:gender", "pvq21-02"), keys);
        assertEquals("Your age is 30-44.", a.profile().get(0).text());
        assertEquals("Asked \"How much like you is this person?\" about the description \"It is important to her to "
                + "be rich. She wants to have a lot of money and expensive things.\", you answered \"Not like me\" "
                + "(2 of 6).", a.profile().get(2).text());
        assertEquals(Map.of("age", "30-44", "gender", "female"), a.demographics());
        assertEquals(List.of("pvq21-02", "pvq21-20"),
                personas.get(1).profile().stream().map(ProfileStatement::key).toList());
    }

    @Test
    void templateBackstoryIsGroupedByAspectAndCoversEveryStatement() {
        for (Persona p : new IndividualsImporter().personas(table(), PVQ, Set.of())) {
            String story = new TemplateBackstoryWriter().write(p).text();
            assertEquals(1.0, BackstoryCoverage.of(p.profile(), story), 1e-12);
            assertTrue(story.contains("These are the things that matter to you."), story);
        }
        Persona a = new IndividualsImporter().personas(table(), PVQ, Set.of()).get(0);
        String story = new TemplateBackstoryWriter().write(a).text();
        assertTrue(story.startsWith("Here is who you are. Your age is 30-44. Your gender is female.\n\n"), story);
        assertEquals(story, new TemplateBackstoryWriter().write(a).text(), "deterministic");
    }

    @Test
    void itemsWithAnAspectAreGroupedUnderIt() {
        Instrument survey = new Instrument("opinions", "O", "s", "i", "How much do you agree?", PVQ.response(), List.of(
                new Item("vote", "I always vote.", "civic", false, "politics"),
                new Item("gym", "I exercise every day.", "health", false, "daily life")));
        AnswerTable answers = new AnswerTable(List.of("x"), List.of("vote", "gym"), List.of("x", "x"), 6,
                new int[][] {{6, 2}}, List.of(Map.of()), List.of(""));
        Persona p = new IndividualsImporter().personas(answers, survey, Set.of()).get(0);
        String story = new TemplateBackstoryWriter().write(p).text();
        assertTrue(story.startsWith("This is where you stand in politics. Asked"), story);
        assertTrue(story.contains("\n\nThis is what your daily life is like. Asked"), story);
    }

    @Test
    void coverageDropsForAStoryThatLosesADataPoint() {
        Persona b = new IndividualsImporter().personas(table(), PVQ, Set.of()).get(1);
        String full = new TemplateBackstoryWriter().write(b).text();
        String paraphrase = "Being rich is important to you: wants lots of money and expensive things, you said "
                + "\"Like me\". Tradition, customs handed down by religion or family: \"A little like me\".";
        assertFalse(BackstoryCoverage.kept(b.profile().get(1), paraphrase), "the care item is gone");
        assertTrue(BackstoryCoverage.kept(b.profile().get(2), paraphrase), "kept in other words");
        assertEquals(2 / 3.0, BackstoryCoverage.of(b.profile(), paraphrase), 1e-12);
        assertEquals(1.0, BackstoryCoverage.of(b.profile(), full), 1e-12);
    }
}
