package org.valuesim.scenarios.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.valuesim.core.random.Streams;

/**
 * The ValueSim authors' cross-validation split (main_cv.py, create_cross_validation_splits): the questions are
 * shuffled once with the seed and cut into k contiguous folds of n / k questions, the last fold taking the rest;
 * every person has the same folds. (The authors shuffle with Python's random; this is valuesim's seeded stream,
 * so the same seed gives another split.)
 *
 * @param folds the question names of each fold
 */
public record QuestionSplit(List<List<String>> folds) {

    public QuestionSplit {
        folds = folds.stream().map(List::copyOf).toList();
    }

    /**
     * @throws IllegalArgumentException when there are fewer questions than folds (a fold would be empty)
     */
    public static QuestionSplit of(List<String> questions, int k, long seed) {
        if (k < 2 || questions.size() < k) {
            throw new IllegalArgumentException(k + " folds need at least " + k + " questions, there are "
                    + questions.size());
        }
        List<String> shuffled = new ArrayList<>(questions);
        Streams.shuffle(shuffled, new SplittableRandom(Streams.key(seed, "question-split", questions.size())));
        int size = shuffled.size() / k;
        List<List<String>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(shuffled.subList(f * size, f == k - 1 ? shuffled.size() : (f + 1) * size));
        }
        return new QuestionSplit(folds);
    }

    /** The questions of the other folds, in fold order: the history of fold f. */
    public List<String> train(int fold) {
        List<String> train = new ArrayList<>();
        for (int g = 0; g < folds.size(); g++) {
            if (g != fold) {
                train.addAll(folds.get(g));
            }
        }
        return train;
    }
}
