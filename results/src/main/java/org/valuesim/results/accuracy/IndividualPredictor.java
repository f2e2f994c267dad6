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
     * @return the predicted option 1..k, or 0 when no prediction could be made (counted as failed)
     */
    int predict(int[][] answers, int person, int item, int[] history);
}
