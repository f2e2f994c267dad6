package org.valuesim.results.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valuesim.core.values.HumanReference;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueStatistics;
import org.valuesim.results.stats.MatrixAgreement;
import org.valuesim.results.stats.Rthor;

/** Builds the value part of summary.json: means side by side, the correlation matrices, agreement. */
public final class SummaryJson {

    private static final int DECIMALS = 6;
    /** Random relabellings for the RTHOR p-value. */
    public static final int RTHOR_PERMUTATIONS = 10_000;

    private SummaryJson() {
    }

    /**
     * @param raw       simulated raw value statistics
     * @param centred   simulated centred value statistics
     * @param reference the human reference, or null when the scenario compares with none
     * @param seed      seeds the permutation tests
     */
    public static Map<String, Object> values(ValueStatistics raw, ValueStatistics centred, HumanReference reference,
                                             long seed) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> means = new LinkedHashMap<>();
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            int i = v.ordinal();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("simulated", round(raw.means()[i]));
            m.put("simulated_sd", round(raw.sds()[i]));
            m.put("simulated_centred", round(centred.means()[i]));
            if (reference != null) {
                m.put("human", round(reference.raw().means()[i]));
                m.put("human_sd", round(reference.raw().sds()[i]));
                m.put("human_centred", round(reference.centred().means()[i]));
                m.put("difference", round(raw.means()[i] - reference.raw().means()[i]));
            }
            means.put(v.id(), m);
        }
        out.put("value_means", means);
        Map<String, Object> correlation = new LinkedHashMap<>();
        correlation.put("scores", "centred");
        correlation.put("values", SchwartzValue.inCircularOrder().stream().map(SchwartzValue::id).toList());
        correlation.put("simulated", round(centred.correlation()));
        if (reference != null) {
            correlation.put("human", round(reference.centred().correlation()));
        }
        out.put("value_correlation", correlation);
        Map<String, Object> circumplex = new LinkedHashMap<>();
        circumplex.put("scores", "centred");
        Rthor simulated = Rthor.circular(centred.correlation(), RTHOR_PERMUTATIONS, seed);
        circumplex.put("rthor_ci", round(simulated.ci()));
        circumplex.put("rthor_p", round(simulated.p()));
        circumplex.put("rthor_predictions", simulated.predictions());
        circumplex.put("rthor_permutations", simulated.permutations());
        if (reference != null) {
            Rthor human = Rthor.circular(reference.centred().correlation(), RTHOR_PERMUTATIONS, seed);
            circumplex.put("human_rthor_ci", round(human.ci()));
            circumplex.put("human_rthor_p", round(human.p()));
        }
        out.put("circumplex", circumplex);
        if (reference != null) {
            MatrixAgreement agreement = MatrixAgreement.of(centred.correlation(), reference.centred().correlation());
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("scores", "centred");
            a.put("cells", agreement.cells());
            a.put("pearson_r", round(agreement.pearsonR()));
            a.put("tucker_phi", round(agreement.tuckerPhi()));
            out.put("human_agreement", a);
        }
        return out;
    }

    private static double round(double x) {
        return Decimals.round(x, DECIMALS);
    }

    private static List<List<Double>> round(double[][] m) {
        List<List<Double>> rows = new ArrayList<>();
        for (double[] row : m) {
            List<Double> r = new ArrayList<>();
            for (double x : row) {
                r.add(round(x));
            }
            rows.add(r);
        }
        return rows;
    }
}
