package org.valuesim.scenarios.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.CapsRespondent;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.respond.Protocol;
import org.valuesim.core.respond.Respondent;
import org.valuesim.populations.individuals.PaperStoryWriter;
import org.valuesim.populations.survey.AnswerTable;
import org.valuesim.results.accuracy.AccuracyProtocol;
import org.valuesim.results.accuracy.IndividualPredictor;
import org.valuesim.results.record.AccuracySummary;
import org.valuesim.scenarios.scenario.InputException;

/**
 * How {@code bench individuals} runs beyond its baselines: the protocol (valuesim's per-person folds, or the paper's
 * shared question-level split with demographics as questions; see {@link SharedFoldProtocol}), whether an
 * unreadable answer is a wrong prediction (paper) or a failed one (valuesim), and where backstory-caps' stories
 * come from: valuesim's template (the paper's "without story module" ablation, reported as
 * {@code backstory-caps-template}) or the paper's story module, an LLM story per person, fold and history share,
 * optionally optimised.
 */
public final class IndividualsProtocol {

    /** Where backstory-caps' stories come from. */
    public enum Stories { TEMPLATE, LLM }

    private final Protocol protocol;
    private final Stories stories;
    private final String storyModel;
    private final int variants;
    private final int rounds;
    private StoryBook book;
    private PaperStoryWriter writer;
    private String writerModel;
    private QuestionSplit split;

    private IndividualsProtocol(Protocol protocol, Stories stories, String storyModel, int variants, int rounds) {
        this.protocol = protocol;
        this.stories = stories;
        this.storyModel = storyModel;
        this.variants = variants;
        this.rounds = rounds;
    }

    /**
     * The command line's choices, checked.
     *
     * @param protocol   --protocol, or null for {@code fallback}
     * @param stories    --stories, or null: llm under the paper protocol, else template (backstory-caps only)
     * @param respondent --respondent
     */
    public static IndividualsProtocol of(String protocol, Protocol fallback, String stories, String storyModel,
                                         int variants, int rounds, String respondent) throws InputException {
        Protocol p = fallback;
        if (protocol != null) {
            p = switch (protocol) {
                case "valuesim" -> Protocol.VALUESIM;
                case "paper" -> Protocol.PAPER;
                default -> throw new InputException("--protocol: '" + protocol + "' is not a protocol; use valuesim or "
                        + "paper");
            };
        }
        boolean caps = respondent.equals(CapsRespondent.KIND);
        Stories s = null;
        if (stories != null) {
            if (!caps) {
                throw new InputException("--stories: only backstory-caps reads stories, not " + respondent);
            }
            s = switch (stories) {
                case "template" -> Stories.TEMPLATE;
                case "llm" -> Stories.LLM;
                default -> throw new InputException("--stories: '" + stories + "' is not a story source; use template "
                        + "or llm");
            };
        } else if (caps) {
            s = p == Protocol.PAPER ? Stories.LLM : Stories.TEMPLATE;
        }
        if (rounds < 0 || rounds > 10) {
            throw new InputException("--story-rounds: must be between 0 and 10, got " + rounds);
        }
        if (variants < 1 || variants > 20) {
            throw new InputException("--story-variants: must be between 1 and 20, got " + variants);
        }
        if (s != Stories.LLM && (storyModel != null || rounds > 0)) {
            throw new InputException((storyModel != null ? "--story-model" : "--story-rounds")
                    + ": only LLM stories (backstory-caps with --stories llm) have a model and optimisation rounds");
        }
        return new IndividualsProtocol(p, s, storyModel, variants, rounds);
    }

    public Protocol protocol() {
        return protocol;
    }

    /**
     * The respondent as a predictor: its stories and its name (backstory-caps with template stories is
     * backstory-caps-template).
     *
     * @param models          the scenario's models, of which LLM stories' writer is one
     * @param respondentModel the respondent's model, which also writes the stories unless --story-model names another
     */
    public IndividualPredictor predictor(Respondent respondent, AnswerTable table, Instrument instrument,
                                         StoryModels models, String respondentModel, Prompts prompts)
            throws InputException {
        java.util.function.Function<Persona, String> source = RespondentPredictor.templateStories();
        String name = respondent.kind();
        if (stories == Stories.TEMPLATE) {
            name = respondent.kind() + "-template";
        } else if (stories == Stories.LLM) {
            writerModel = storyModel != null ? storyModel : respondentModel;
            StoryModels.StoryModel model = models.named(writerModel).orElseThrow(() -> new InputException(
                    "--story-model: no model '" + writerModel + "' under the scenario's models"));
            PaperStoryWriter paper = new PaperStoryWriter(model.gateway(), prompts, instrument, model.temperature(),
                    variants, rounds);
            writer = paper;
            source = p -> paper.write(p).text();
        }
        book = new StoryBook(source);
        return new RespondentPredictor(name, respondent, table, instrument, book, protocol == Protocol.PAPER);
    }

    /**
     * @param demographics the codebook's demographic attributes (questions of the paper's split)
     */
    public AccuracyProtocol.Results evaluate(AnswerTable table, List<String> demographics,
                                             List<IndividualPredictor> predictors, int folds, long seed, int parallelism,
                                             AccuracyProtocol.Progress progress) {
        if (protocol == Protocol.PAPER) {
            SharedFoldProtocol shared = new SharedFoldProtocol(folds, seed);
            split = shared.split(table, demographics);
            return shared.evaluate(table, demographics, predictors, parallelism, progress);
        }
        return new AccuracyProtocol(folds, seed).evaluate(table.answers(), scales(table), predictors, parallelism,
                progress);
    }

    /** Each question's scale (its own number of options, ordered or not) and group, as the table's columns say. */
    public static AccuracyProtocol.Scales scales(AnswerTable table) {
        boolean[] ordered = new boolean[table.items().size()];
        for (int i = 0; i < ordered.length; i++) {
            ordered[i] = table.columns().get(i).ordered();
        }
        return new AccuracyProtocol.Scales(table.optionsPerItem(), ordered,
                table.columns().stream().map(AnswerTable.Column::group).toArray(String[]::new));
    }

    /** How the folds are made, as summary.json says. */
    public String split() {
        return protocol == Protocol.PAPER ? "shared question-level folds" : "per-person folds";
    }

    /** The paper's shared split once evaluated (null for per-person folds). */
    public List<List<String>> questionFolds() {
        return split == null ? null : split.folds();
    }

    /** Where backstory-caps' stories came from (null for other respondents). */
    public AccuracySummary.Stories stories() {
        if (stories == null) {
            return null;
        }
        if (writer == null) {
            return new AccuracySummary.Stories(stories.name().toLowerCase(Locale.ROOT), null, null, null, null);
        }
        return new AccuracySummary.Stories("llm", writerModel, book.written(), writer.failures(),
                new AccuracySummary.Optimisation(variants, rounds));
    }
}
