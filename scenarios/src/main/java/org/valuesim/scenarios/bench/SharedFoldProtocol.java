package org.valuesim.scenarios.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.valuesim.core.random.Streams;
import org.valuesim.populations.survey.AnswerTable;
import org.valuesim.results.accuracy.AccuracyProtocol;
import org.valuesim.results.accuracy.IndividualPredictor;

/**
 * The individual-accuracy protocol as the ValueSim authors ran it (main_cv.py, profile_impact.py): one seeded
 * question-level split ({@link QuestionSplit}) shared by all people, whose questions are the instrument's items and
 * the codebook's demographics alike; each fold's items are predicted from the other folds' questions. A demographic
 * in the predicted fold is hidden like a question (it is not scored: only items are predicted). At history share s
 * each person shows a seeded sample of round(s x the other folds' size) of those questions (a new sample per
 * person, fold and share, as profile_impact.py draws one per person and step); the person's missing answers among
 * them are simply not shown. Missing answers are never predicted.
 */
public final class SharedFoldProtocol {

    private final int folds;
    private final long seed;

    public SharedFoldProtocol(int folds, long seed) {
        this.folds = folds;
        this.seed = seed;
    }

    /** The split for a table: its items, then its demographic attributes. */
    public QuestionSplit split(AnswerTable table, List<String> demographics) {
        List<String> questions = new ArrayList<>(table.items());
        questions.addAll(demographics);
        return QuestionSplit.of(questions, folds, seed);
    }

    /**
     * @param demographics the codebook's demographic attributes (questions that can be held out)
     * @return per predictor, one score per history share in {@link AccuracyProtocol#HISTORY_SHARES} order, overall
     *         and by question group
     */
    public AccuracyProtocol.Results evaluate(AnswerTable table, List<String> demographics,
                                             List<IndividualPredictor> predictors, int parallelism,
                                             AccuracyProtocol.Progress progress) {
        QuestionSplit split = split(table, demographics);
        int[][] answers = table.answers();
        return AccuracyProtocol.byPeople(answers.length, IndividualsProtocol.scales(table), predictors, parallelism,
                progress, (person, tally) -> {
            for (int f = 0; f < folds; f++) {
                List<String> train = split.train(f);
                List<Integer> test = new ArrayList<>();
                for (String q : split.folds().get(f)) {
                    int item = table.items().indexOf(q);
                    if (item >= 0 && answers[person][item] != 0) {
                        test.add(item);
                    }
                }
                for (int s = 0; s < AccuracyProtocol.HISTORY_SHARES.length; s++) {
                    Set<String> shown = sample(train, (int) Math.round(AccuracyProtocol.HISTORY_SHARES[s] * train.size()),
                            person, f, s);
                    int[] history = shown.stream().mapToInt(q -> table.items().indexOf(q))
                            .filter(i -> i >= 0 && answers[person][i] != 0).sorted().toArray();
                    Set<String> hidden = new HashSet<>(demographics);
                    hidden.removeAll(shown);
                    for (int item : test) {
                        for (int q = 0; q < predictors.size(); q++) {
                            tally.add(q, s, item, predictors.get(q).predict(answers, person, item, history, hidden),
                                    answers[person][item]);
                        }
                    }
                }
            }
        });
    }

    /** A seeded sample of n of the questions, per person, fold and share. */
    private Set<String> sample(List<String> questions, int n, int person, int fold, int share) {
        List<String> drawn = new ArrayList<>(questions);
        Streams.shuffle(drawn, Streams.of(seed, "history-sample", person, fold + "/" + share));
        return new HashSet<>(drawn.subList(0, n));
    }
}
