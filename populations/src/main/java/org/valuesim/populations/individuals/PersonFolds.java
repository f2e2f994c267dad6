package org.valuesim.populations.individuals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.valuesim.core.random.Streams;
import org.valuesim.populations.preset.Preset;
import org.valuesim.populations.preset.PresetBuilder;
import org.valuesim.populations.survey.AnswerTable;
import org.valuesim.populations.survey.Codebook;
import org.valuesim.populations.survey.DataException;

/**
 * Person-level folds over a survey file, so that what is learnt from people is never applied to themselves: the
 * people are shuffled (seeded) and dealt into {@value #FOLDS} folds (one per person when there are fewer), and for
 * each fold a preset is built ({@link PresetBuilder}: value distribution, item models, answer shares) from the
 * people of the other folds only. {@link #preset(int)} is the one to use for a person.
 */
public final class PersonFolds {

    public static final int FOLDS = 5;

    private final int[] foldOf;
    private final List<Preset> presets;

    private PersonFolds(int[] foldOf, List<Preset> presets) {
        this.foldOf = foldOf;
        this.presets = presets;
    }

    /**
     * @throws DataException when the people of some fold's complement cannot make a preset (fewer than three who
     *                       answered every item, or a value with fewer than two items)
     */
    public static PersonFolds fit(Codebook codebook, AnswerTable table, long seed) throws DataException {
        int people = table.answers().length;
        if (people < 2) {
            throw new DataException("person-level folds need at least two people, got " + people);
        }
        int folds = Math.min(FOLDS, people);
        List<Integer> order = new ArrayList<>();
        for (int r = 0; r < people; r++) {
            order.add(r);
        }
        SplittableRandom random = new SplittableRandom(Streams.key(seed, "person-folds", 0));
        for (int i = people - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        int[] foldOf = new int[people];
        for (int i = 0; i < people; i++) {
            foldOf[order.get(i)] = i % folds;
        }
        List<Preset> presets = new ArrayList<>();
        PresetBuilder builder = new PresetBuilder();
        for (int f = 0; f < folds; f++) {
            List<Integer> others = new ArrayList<>();
            for (int r = 0; r < people; r++) {
                if (foldOf[r] != f) {
                    others.add(r);
                }
            }
            try {
                presets.add(builder.values(codebook, table.rows(others)));
            } catch (DataException e) {
                throw new DataException("the people outside person fold " + (f + 1) + " of " + folds
                        + " cannot make a measurement model: " + e.getMessage());
            }
        }
        return new PersonFolds(foldOf, List.copyOf(presets));
    }

    /** The person's fold, 0-based. */
    public int fold(int row) {
        return foldOf[row];
    }

    /** The preset built without the person's fold. */
    public Preset preset(int row) {
        return presets.get(foldOf[row]);
    }

    /** One preset per fold, each built without that fold's people. */
    public List<Preset> presets() {
        return presets;
    }
}
