package org.valuesim.results.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The value scores of every fully scored agent of a run, kept as one byte per item (the keyed answer's step above the
 * scale's lowest answer) and computed again by {@link ValueScorer#fromItems} when read. A score is a function of the
 * keyed answers alone, so what is read back has the same bits as what was scored; PVQ-21 takes 21 bytes an agent where
 * a {@link ValueScores} takes about 450, which is what lets ten million agents' statistics fit a small heap.
 */
public final class PackedScores {

    /** Agents per block of bytes: blocks grow the store without copying it. */
    private static final int BLOCK = 1 << 16;

    private final ValueScorer scorer;
    private final int items;
    private final int lowest;
    private final List<byte[]> blocks = new ArrayList<>();
    private int size;

    public PackedScores(ValueScorer scorer) {
        if (scorer.highest() - scorer.lowest() > 255) {
            throw new IllegalArgumentException("a value scale of more than 256 answers cannot be packed in bytes");
        }
        this.scorer = scorer;
        this.items = scorer.items().size();
        this.lowest = scorer.lowest();
    }

    /** Keeps the agent's scores when every item has an answer (statistics read fully scored agents only). */
    public void add(ValueScores scores) {
        if (!scores.complete()) {
            return;
        }
        if (size % BLOCK == 0) {
            blocks.add(new byte[BLOCK * items]);
        }
        byte[] block = blocks.get(size / BLOCK);
        int at = size % BLOCK * items;
        for (int i = 0; i < items; i++) {
            block[at + i] = (byte) ((int) scores.items()[i] - lowest);
        }
        size++;
    }

    /** How many fully scored agents there are. */
    public int size() {
        return size;
    }

    /** The scores of the n-th fully scored agent, in the order they were added. */
    public ValueScores get(int n) {
        byte[] block = blocks.get(n / BLOCK);
        int at = n % BLOCK * items;
        double[] keyed = new double[items];
        for (int i = 0; i < items; i++) {
            keyed[i] = lowest + (block[at + i] & 0xff);
        }
        return scorer.fromItems(keyed);
    }

    /** One number of every fully scored agent's scores, in order. */
    public double[] column(ToDoubleFunction<ValueScores> of) {
        double[] out = new double[size];
        for (int n = 0; n < size; n++) {
            out[n] = of.applyAsDouble(get(n));
        }
        return out;
    }
}
