package org.valuesim.core.embed;

/** Unit-length sentence embeddings; the same text always gives the same vector. */
public interface TextEmbedder {

    float[] embed(String text);

    /** Cosine similarity of two unit vectors. */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
