package org.valuesim.results.scoring;

/**
 * One respondent's value scores, in circular order; NaN where a value had no valid answer.
 *
 * @param raw     mean of each value's items, on the answer scale
 * @param centred raw minus the respondent's mean over all answered items of the instrument (MRAT)
 */
public record ValueScores(double[] raw, double[] centred) {

    public boolean complete() {
        for (double x : raw) {
            if (Double.isNaN(x)) {
                return false;
            }
        }
        return true;
    }
}
