package org.valuesim.populations.preset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.valuesim.core.ordinal.OrdinalItemModel;
import org.valuesim.core.values.DominantValue;
import org.valuesim.core.values.HumanReference;
import org.valuesim.core.instrument.Reliability;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueStatistics;
import org.valuesim.populations.survey.AnswerTable;
import org.valuesim.populations.survey.Codebook;
import org.valuesim.populations.survey.CodebookInstrument;
import org.valuesim.populations.survey.DataException;

/**
 * Computes a preset from individual answers (respondents with every item answered).
 *
 * <p>The latent value scores are true scores on the answer scale: their means are the observed
 * value means, their covariances between values are the observed ones, and the variance of a
 * value's true score is the mean covariance between its items (classical test theory: item errors
 * are uncorrelated). Where these estimates make the matrix indefinite, its eigenvalues are clipped
 * to a small positive floor. Each item's residual variance is its observed variance minus its
 * value's true-score variance, and its thresholds put the normal latent response at the observed
 * cumulative answer shares, so simulated item marginals match the human ones.
 */
public final class PresetBuilder {

    /** Smallest residual variance of an item, on the answer scale. */
    static final double MIN_NOISE_VARIANCE = 0.05;
    /** Eigenvalue floor of the latent covariance, relative to its largest eigenvalue. */
    static final double EIGENVALUE_FLOOR = 1e-3;
    /** Cumulative shares are kept this far from 0 and 1 so that every threshold is finite. */
    static final double SHARE_CLIP = 1e-6;
    /**
     * Pseudo-count of the partial pooling of demographic cells' value offsets: a cell of 10 people
     * keeps half of its observed offset, so small cells do not carry noise into personas.
     */
    static final double POOLING = 10;
    private static final double DECIMALS = 1e6;

    public Preset build(Codebook codebook, AnswerTable table) throws DataException {
        return build(codebook, table, codebook.name());
    }

    /**
     * Builds a preset under another name (one per group of a grouped file). From a codebook with questions it also
     * holds the codebook's instrument with every question's answer shares over all the people in {@code all}; when
     * its value-keyed questions cannot model the ten values (there are none, or a value has fewer than two; {@link
     * #values} says why), that and the demographics are all it holds.
     */
    public Preset build(Codebook codebook, AnswerTable all, String name) throws DataException {
        if (!codebook.isMixed()) {
            return build(codebook, all, name, false);
        }
        try {
            return build(codebook, all, name, true);
        } catch (DataException noValueModel) {
            if (all.answers().length < 3) {
                throw new DataException("only " + all.answers().length + " respondents; a preset needs at least 3");
            }
            return new Preset(name, description(codebook, name), codebook.source(), codebook.name(),
                    all.answers().length, null, null, null, null, demographics(all.demographics(), null, null, null),
                    null, CodebookInstrument.of(codebook, all));
        }
    }

    private static String description(Codebook codebook, String name) {
        return name.equals(codebook.name()) ? codebook.description()
                : codebook.description() + " (group " + name.substring(codebook.name().length() + 1) + ")";
    }

    /**
     * The value part of a preset alone (no questions' shares), for person folds and latent values.
     *
     * @throws DataException also when no question scores a Schwartz value
     */
    public Preset values(Codebook codebook, AnswerTable table) throws DataException {
        return build(codebook, table, codebook.name(), false);
    }

    private Preset build(Codebook codebook, AnswerTable all, String name, boolean withSurvey) throws DataException {
        AnswerTable valued = all.valueColumns();
        if (valued.items().isEmpty()) {
            throw new DataException("no question scores a Schwartz value, so there are no value scores to model");
        }
        if (valued.columns().stream().anyMatch(c -> c.options() != valued.options() || !c.ordered())) {
            throw new DataException("the questions that score values must share one ordered answer scale to be "
                    + "modelled together");
        }
        AnswerTable table = completeRows(valued);
        int[][] complete = table.answers();
        if (complete.length < 3) {
            throw new DataException("only " + complete.length + " respondents answered every item; a preset needs at least 3");
        }
        int n = complete.length;
        int k = SchwartzValue.count();
        List<List<Integer>> itemsOf = itemsByValue(table);
        double[][] y = toDouble(complete);

        double[][] raw = new double[n][k];
        double[][] centred = new double[n][k];
        for (int p = 0; p < n; p++) {
            double personMean = new Mean().evaluate(y[p]);
            for (int v = 0; v < k; v++) {
                double sum = 0;
                for (int i : itemsOf.get(v)) {
                    sum += y[p][i];
                }
                raw[p][v] = sum / itemsOf.get(v).size();
                centred[p][v] = raw[p][v] - personMean;
            }
        }
        RealMatrix itemCov = new Covariance(y).getCovarianceMatrix();
        RealMatrix trueCov = new Covariance(raw).getCovarianceMatrix();
        for (int v = 0; v < k; v++) {
            trueCov.setEntry(v, v, meanInterItemCovariance(itemCov, itemsOf.get(v)));
        }
        trueCov = clipEigenvalues(trueCov);

        double[] means = columnMeans(raw);
        double[] trueSd = new double[k];
        double[][] trueCorr = new double[k][k];
        for (int v = 0; v < k; v++) {
            trueSd[v] = Math.sqrt(trueCov.getEntry(v, v));
        }
        for (int v = 0; v < k; v++) {
            for (int w = 0; w < k; w++) {
                trueCorr[v][w] = trueCov.getEntry(v, w) / (trueSd[v] * trueSd[w]);
            }
        }

        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        Map<String, PresetItem> items = new LinkedHashMap<>();
        Map<String, double[]> itemShares = new LinkedHashMap<>();
        for (int i = 0; i < table.items().size(); i++) {
            int v = SchwartzValue.find(table.values().get(i)).orElseThrow().ordinal();
            double trueVar = trueCov.getEntry(v, v);
            double noiseVar = Math.max(itemCov.getEntry(i, i) - trueVar, MIN_NOISE_VARIANCE);
            double totalSd = Math.sqrt(trueVar + noiseVar);
            double[] shares = shares(complete, i, table.options());
            double[] thresholds = new double[table.options() - 1];
            double cumulative = 0;
            for (int c = 0; c < thresholds.length; c++) {
                cumulative += shares[c];
                double clipped = Math.min(Math.max(cumulative, SHARE_CLIP), 1 - SHARE_CLIP);
                thresholds[c] = round(means[v] + totalSd * normal.inverseCumulativeProbability(clipped));
            }
            items.put(table.items().get(i), new PresetItem(table.values().get(i),
                    new OrdinalItemModel(thresholds, round(Math.sqrt(noiseVar)))));
            itemShares.put(table.items().get(i), round(shares));
        }
        ValueStatistics latent = new ValueStatistics(round(means), round(trueSd), round(trueCorr));
        double[] alpha = new double[k];
        List<HumanReference.ScoreDistribution> valueScores = new ArrayList<>();
        for (int v = 0; v < k; v++) {
            double[][] valueItems = new double[n][];
            for (int p = 0; p < n; p++) {
                double[] row = new double[itemsOf.get(v).size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = y[p][itemsOf.get(v).get(i)];
                }
                valueItems[p] = row;
            }
            alpha[v] = Reliability.cronbachAlpha(valueItems);
            valueScores.add(empiricalDistribution(column(raw, v)));
        }
        String instrument = codebook.isMixed() ? codebook.name() : codebook.instrument();
        HumanReference reference = new HumanReference(instrument, n, statistics(raw), statistics(centred),
                round(alpha), valueScores, itemShares);
        return new Preset(name, description(codebook, name), codebook.source(), instrument, n, latent, items, reference,
                dominance(centred), demographics(table.demographics(), raw, centred, means), null,
                withSurvey ? CodebookInstrument.of(codebook, all) : null);
    }

    private static Dominance dominance(double[][] centred) {
        int[] counts = new int[SchwartzValue.count()];
        int none = 0;
        for (double[] person : centred) {
            var dominant = DominantValue.of(person, DominantValue.MARGIN);
            if (dominant.isPresent()) {
                counts[dominant.get().ordinal()]++;
            } else {
                none++;
            }
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            shares.put(v.id(), round(counts[v.ordinal()] / (double) centred.length));
        }
        return new Dominance(DominantValue.MARGIN, round(none / (double) centred.length), shares);
    }

    private static HumanReference.ScoreDistribution empiricalDistribution(double[] scores) {
        double[] sorted = scores.clone();
        java.util.Arrays.sort(sorted);
        List<Double> distinct = new ArrayList<>();
        List<Double> cumulative = new ArrayList<>();
        for (int i = 0; i < sorted.length; i++) {
            double x = round(sorted[i]);
            if (!distinct.isEmpty() && distinct.get(distinct.size() - 1) == x) {
                cumulative.set(cumulative.size() - 1, round((i + 1.0) / sorted.length));
            } else {
                distinct.add(x);
                cumulative.add(round((i + 1.0) / sorted.length));
            }
        }
        return new HumanReference.ScoreDistribution(distinct.stream().mapToDouble(Double::doubleValue).toArray(),
                cumulative.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The respondents who answered every item. */
    private static AnswerTable completeRows(AnswerTable table) {
        List<Integer> keep = new ArrayList<>();
        for (int r = 0; r < table.answers().length; r++) {
            boolean complete = true;
            for (int a : table.answers()[r]) {
                complete &= a > 0;
            }
            if (complete) {
                keep.add(r);
            }
        }
        return table.rows(keep);
    }

    /**
     * @param people per person, attribute to category
     * @param raw    per person, the value scores; null for a preset without values (cells then hold no value offsets
     *               nor dominance)
     */
    private static Demographics demographics(List<Map<String, String>> people, double[][] raw, double[][] centred,
                                             double[] means) {
        java.util.Set<String> attributes = new java.util.TreeSet<>();
        people.forEach(d -> attributes.addAll(d.keySet()));
        if (attributes.isEmpty()) {
            return null;
        }
        Map<String, Map<String, Double>> marginals = new LinkedHashMap<>();
        for (String attribute : attributes) {
            Map<String, Integer> counts = new java.util.TreeMap<>();
            int known = 0;
            for (Map<String, String> d : people) {
                if (d.containsKey(attribute)) {
                    counts.merge(d.get(attribute), 1, Integer::sum);
                    known++;
                }
            }
            Map<String, Double> shares = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> c : counts.entrySet()) {
                shares.put(c.getKey(), round(c.getValue() / (double) known));
            }
            marginals.put(attribute, shares);
        }
        Map<Map<String, String>, List<Integer>> members = new java.util.TreeMap<>(
                java.util.Comparator.comparing(Object::toString));
        for (int p = 0; p < people.size(); p++) {
            Map<String, String> d = people.get(p);
            if (d.keySet().containsAll(attributes)) {
                members.computeIfAbsent(d, x -> new ArrayList<>()).add(p);
            }
        }
        int known = members.values().stream().mapToInt(List::size).sum();
        List<Demographics.Cell> cells = new ArrayList<>();
        for (Map.Entry<Map<String, String>, List<Integer>> e : members.entrySet()) {
            List<Integer> inCell = e.getValue();
            int size = inCell.size();
            if (raw == null) {
                cells.add(new Demographics.Cell(e.getKey(), size, round(size / (double) known), null, null));
                continue;
            }
            double[] offsets = new double[SchwartzValue.count()];
            for (int v = 0; v < offsets.length; v++) {
                double sum = 0;
                for (int p : inCell) {
                    sum += raw[p][v];
                }
                offsets[v] = round((sum / size - means[v]) * size / (size + POOLING));
            }
            int[] dominant = new int[SchwartzValue.count() + 1];
            for (int p : inCell) {
                dominant[DominantValue.of(centred[p], DominantValue.MARGIN).map(Enum::ordinal)
                        .orElse(SchwartzValue.count())]++;
            }
            Map<String, Double> dominance = new LinkedHashMap<>();
            for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
                dominance.put(v.id(), round(dominant[v.ordinal()] / (double) size));
            }
            dominance.put("none", round(dominant[SchwartzValue.count()] / (double) size));
            cells.add(new Demographics.Cell(e.getKey(), size, round(size / (double) known), offsets, dominance));
        }
        return new Demographics(marginals, cells, raw == null ? 0 : POOLING);
    }

    private static List<List<Integer>> itemsByValue(AnswerTable table) throws DataException {
        List<List<Integer>> itemsOf = new ArrayList<>();
        for (SchwartzValue value : SchwartzValue.inCircularOrder()) {
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < table.values().size(); i++) {
                if (table.values().get(i).equals(value.id())) {
                    indices.add(i);
                }
            }
            if (indices.size() < 2) {
                throw new DataException("value " + value.id() + " has " + indices.size()
                        + " item(s); its true-score variance needs at least 2");
            }
            itemsOf.add(indices);
        }
        return itemsOf;
    }

    private static double meanInterItemCovariance(RealMatrix itemCov, List<Integer> items) {
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < items.size(); a++) {
            for (int b = a + 1; b < items.size(); b++) {
                sum += itemCov.getEntry(items.get(a), items.get(b));
                pairs++;
            }
        }
        return sum / pairs;
    }

    private static RealMatrix clipEigenvalues(RealMatrix m) {
        EigenDecomposition eigen = new EigenDecomposition(m);
        double[] values = eigen.getRealEigenvalues();
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double floor = EIGENVALUE_FLOOR * max;
        double[] clipped = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            clipped[i] = Math.max(values[i], floor);
        }
        RealMatrix v = eigen.getV();
        RealMatrix repaired = v.multiply(MatrixUtils.createRealDiagonalMatrix(clipped)).multiply(v.transpose());
        // symmetrise away rounding
        return repaired.add(repaired.transpose()).scalarMultiply(0.5);
    }

    private static ValueStatistics statistics(double[][] scores) {
        int k = scores[0].length;
        double[] sds = new double[k];
        for (int v = 0; v < k; v++) {
            sds[v] = new StandardDeviation().evaluate(column(scores, v));
        }
        double[][] corr = new PearsonsCorrelation(scores).getCorrelationMatrix().getData();
        return new ValueStatistics(round(columnMeans(scores)), round(sds), round(corr));
    }

    private static double[] shares(int[][] rows, int item, int options) {
        double[] shares = new double[options];
        for (int[] row : rows) {
            shares[row[item] - 1]++;
        }
        for (int c = 0; c < options; c++) {
            shares[c] /= rows.length;
        }
        return shares;
    }

    private static double[][] toDouble(int[][] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = new double[rows[r].length];
            for (int c = 0; c < rows[r].length; c++) {
                out[r][c] = rows[r][c];
            }
        }
        return out;
    }

    private static double[] columnMeans(double[][] rows) {
        double[] means = new double[rows[0].length];
        for (int c = 0; c < means.length; c++) {
            means[c] = new Mean().evaluate(column(rows, c));
        }
        return means;
    }

    private static double[] column(double[][] rows, int c) {
        double[] col = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            col[r] = rows[r][c];
        }
        return col;
    }

    static double round(double x) {
        return Math.round(x * DECIMALS) / DECIMALS;
    }

    private static double[] round(double[] xs) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = round(xs[i]);
        }
        return out;
    }

    private static double[][] round(double[][] xs) {
        double[][] out = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            out[i] = round(xs[i]);
        }
        return out;
    }
}
