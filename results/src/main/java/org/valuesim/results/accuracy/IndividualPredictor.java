package org.valuesim.results.accuracy;

/**
 * Predicts one person's answer to one item from the answers the person gave to other items (the
 * history). Predictors see the whole answer matrix but must not read the person's answer to the
 * item being predicted, nor any of the person's answers outside the history.
 */
public interface IndividualPredictor {

    /** The name in reports (majority, knn, or a respondent kind). */
    String name();

    /**
     * @param answers options 1..k, 0 where missing, respondents by items
     * @param person  the row being predicted
     * @param item    the column being predicted
     * @param history the columns of the person's history (all answered)
     * @return the predicted option 1..k, 0 when no prediction could be made (counted as failed), or {@link #WRONG}
     */
    int predict(int[][] answers, int person, int item, int[] history);

    /**
     * A prediction that was made but names no option (an unreadable answer, or a number that is not an option):
     * counted as a wrong prediction, left out of nMAE, and reported as unreadable.
     */
    int WRONG = -1;

    /**
     * As {@link #predict(int[][], int, int, int[])}, when the protocol also hides some of the person's demographics
     * (the paper protocol's folds hold demographics like questions); predictors that do not read demographics ignore
     * them.
     *
     * @param hiddenDemographics the attribute names the person's profile must not show
     */
    default int predict(int[][] answers, int person, int item, int[] history, java.util.Set<String> hiddenDemographics) {
        return predict(answers, person, item, history);
    }
}
