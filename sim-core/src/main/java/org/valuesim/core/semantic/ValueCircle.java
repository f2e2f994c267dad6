package org.valuesim.core.semantic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.util.FastMath;
import org.valuesim.core.embed.TextEmbedder;
import org.valuesim.core.values.SchwartzValue;

/**
 * Reads a text's place on the value circle from its similarity to the ten values, as a sentence-embedding model
 * sees it. Each value's anchor is its definition (weighted {@value #DEFINITION_WEIGHT}) together with the known
 * texts keyed to it (the items of value instruments, such as the PVQ-21 portraits); texts are compared after
 * removing what all items share (the mean embedding of the known texts: "It is important to her or him..."),
 * definitions after removing their own mean. A text's similarity to each anchor is standardised by that anchor's
 * similarities to the known texts, so anchors that resemble everything do not win everywhere; the ten standardised
 * similarities become weights by a softmax at temperature {@value #TEMPERATURE}, and the weighted mean of the ten
 * values' directions on the circle is the text's place: its angle, and its length as the strength.
 *
 * <p>A known text is part of its own value's anchor, so it reads close to its key; any other text reads by
 * resemblance alone. Each distinct text is embedded once.
 */
public final class ValueCircle {

    static final double DEFINITION_WEIGHT = 4;
    static final double TEMPERATURE = 0.3;

    /** A text whose value is known, e.g. an item of a value instrument. */
    public record KeyedText(String text, SchwartzValue value) {
    }

    private final TextEmbedder embedder;
    private final double[] itemMean;
    private final double[][] anchors = new double[SchwartzValue.count()][];
    private final double[] similarityMean = new double[SchwartzValue.count()];
    private final double[] similaritySd = new double[SchwartzValue.count()];
    private final Map<String, CirclePosition> positions = new ConcurrentHashMap<>();

    /**
     * @param definitions each value's definition
     * @param known       texts with known values: at least three, and at least one per value
     */
    public ValueCircle(TextEmbedder embedder, Map<SchwartzValue, String> definitions, List<KeyedText> known) {
        this.embedder = embedder;
        if (known.size() < 3) {
            throw new IllegalArgumentException("the value circle needs at least three texts with known values, got "
                    + known.size());
        }
        List<double[]> knownVectors = new ArrayList<>();
        known.forEach(k -> knownVectors.add(vector(k.text())));
        itemMean = mean(knownVectors);
        List<double[]> definitionVectors = new ArrayList<>();
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            String definition = definitions.get(v);
            if (definition == null) {
                throw new IllegalArgumentException("no definition of " + v.id());
            }
            definitionVectors.add(vector(definition));
        }
        double[] definitionMean = mean(definitionVectors);
        Map<SchwartzValue, double[]> sums = new EnumMap<>(SchwartzValue.class);
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            sums.put(v, scale(unit(minus(definitionVectors.get(v.ordinal()), definitionMean)), DEFINITION_WEIGHT));
        }
        for (int k = 0; k < known.size(); k++) {
            double[] centred = unit(minus(knownVectors.get(k), itemMean));
            double[] sum = sums.get(known.get(k).value());
            for (int i = 0; i < sum.length; i++) {
                sum[i] += centred[i];
            }
        }
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            anchors[v.ordinal()] = unit(sums.get(v));
        }
        double[][] similarities = new double[known.size()][];
        for (int k = 0; k < known.size(); k++) {
            similarities[k] = similarities(knownVectors.get(k));
        }
        for (int v = 0; v < anchors.length; v++) {
            double sum = 0;
            for (double[] s : similarities) {
                sum += s[v];
            }
            similarityMean[v] = sum / similarities.length;
            double squares = 0;
            for (double[] s : similarities) {
                squares += (s[v] - similarityMean[v]) * (s[v] - similarityMean[v]);
            }
            similaritySd[v] = Math.max(1e-6, Math.sqrt(squares / (similarities.length - 1)));
        }
    }

    /** The text's place on the circle. */
    public CirclePosition read(String text) {
        return positions.computeIfAbsent(text, t -> place(similarities(vector(t))));
    }

    /** The weights the text gives the ten values (summing to 1), in circular order: what {@link #read} averages. */
    public double[] weights(String text) {
        return weights(similarities(vector(text)));
    }

    private CirclePosition place(double[] similarities) {
        double[] w = weights(similarities);
        double x = 0;
        double y = 0;
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            double angle = Math.toRadians(v.angleDegrees());
            x += w[v.ordinal()] * FastMath.cos(angle);
            y += w[v.ordinal()] * FastMath.sin(angle);
        }
        return new CirclePosition(FastMath.atan2(y, x), Math.min(1, FastMath.hypot(x, y)));
    }

    private double[] weights(double[] similarities) {
        double[] z = new double[similarities.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < z.length; v++) {
            z[v] = (similarities[v] - similarityMean[v]) / similaritySd[v] / TEMPERATURE;
            max = Math.max(max, z[v]);
        }
        double total = 0;
        for (int v = 0; v < z.length; v++) {
            z[v] = FastMath.exp(z[v] - max);
            total += z[v];
        }
        for (int v = 0; v < z.length; v++) {
            z[v] /= total;
        }
        return z;
    }

    private double[] similarities(double[] vector) {
        double[] centred = unit(minus(vector, itemMean));
        double[] s = new double[anchors.length];
        for (int v = 0; v < s.length; v++) {
            s[v] = dot(centred, anchors[v]);
        }
        return s;
    }

    private double[] vector(String text) {
        float[] f = embedder.embed(text);
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double[] mean(List<double[]> vectors) {
        double[] m = new double[vectors.get(0).length];
        for (double[] v : vectors) {
            for (int i = 0; i < m.length; i++) {
                m[i] += v[i] / vectors.size();
            }
        }
        return m;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static double[] scale(double[] a, double f) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * f;
        }
        return out;
    }

    private static double[] unit(double[] a) {
        double norm = Math.sqrt(dot(a, a));
        return norm == 0 ? a : scale(a, 1 / norm);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
