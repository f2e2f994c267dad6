package org.valuesim.results.scoring;

/**
 * One respondent's value scores, in circular order; NaN where a value had no valid answer.
 *
 * @param raw     mean of each value's items, on the answer scale
 * @param centred raw minus the respondent's mean over all answered items of the instrument (MRAT)
 * @param items   the keyed answer to each item in instrument order (reverse-keyed items mirrored), NaN if missing
 */
public record ValueScores(double[] raw, double[] centred, double[] items) {

    public boolean complete() {
        for (double x : items) {
            if (Double.isNaN(x)) {
                return false;
            }
        }
        return true;
    }
}
