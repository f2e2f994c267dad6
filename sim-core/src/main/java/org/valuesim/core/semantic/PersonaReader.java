package org.valuesim.core.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.util.FastMath;
import org.valuesim.core.ordinal.LatentGaussian;
import org.valuesim.core.ordinal.OrdinalPosterior;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.persona.ProfileStatement;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueStatistics;

/**
 * What the semantic respondent believes about a persona's elevation and place on the value circle (the three
 * dimensions of {@link CircleModel}), from what the persona is, in this order:
 * <ol>
 * <li>an imported individual with answered ordered items: the posterior after those answers
 * ({@link OrdinalPosterior}), each answered item placed on the circle by its text and cut by its answer shares, so
 * an asked item is predicted from the answers to the items nearest it on the circle;</li>
 * <li>a persona with latent value scores (sampled from a preset): their sinusoid, the least-squares fit of the ten
 * standardised scores by elevation + (cos, sin) of each value's angle, each coefficient divided by its standard
 * deviation over the population; a point;</li>
 * <li>a value-prompted persona: its prompt read onto the circle, and the person {@value #VALUE_PROMPT_STRENGTH}
 * standard deviations out in that direction (times the reading's strength), elevation and the rest as anyone's;</li>
 * <li>anyone else (unprimed): the population, N(0, I).</li>
 * </ol>
 */
public final class PersonaReader {

    /** How far out on the circle "greatly values X" puts a persona, in the population's standard deviations. */
    static final double VALUE_PROMPT_STRENGTH = 2.0;

    private final ValueCircle circle;
    private final Function<Persona, String> valuePrompt;

    /**
     * @param valuePrompt the text a value-prompted persona is told (its system prompt)
     */
    public PersonaReader(ValueCircle circle, Function<Persona, String> valuePrompt) {
        this.circle = circle;
        this.valuePrompt = valuePrompt;
    }

    public ValueCircle circle() {
        return circle;
    }

    public LatentGaussian belief(Persona persona, SemanticCalibration calibration) {
        List<OrdinalPosterior.Observation> answers = new ArrayList<>();
        for (ProfileStatement s : persona.profile()) {
            if (s.isOrderedAnswer()) {
                CirclePosition at = circle.read(s.subject());
                answers.add(new OrdinalPosterior.Observation(calibration.circle().loading(at),
                        calibration.model(s.key(), at, s.options()), s.option()));
            }
        }
        if (!answers.isEmpty()) {
            return OrdinalPosterior.of(LatentGaussian.standard(CircleModel.DIMENSIONS), answers);
        }
        if (persona.latent() != null && calibration.values() != null) {
            return LatentGaussian.point(sinusoid(persona.latent().scores(), calibration.values()));
        }
        LatentGaussian prior = LatentGaussian.standard(CircleModel.DIMENSIONS);
        if (persona.dominant() != null) {
            double[] toward = circle.read(valuePrompt.apply(persona)).vector();
            return new LatentGaussian(new double[] {0, VALUE_PROMPT_STRENGTH * toward[0],
                VALUE_PROMPT_STRENGTH * toward[1]}, prior.covariance());
        }
        return prior;
    }

    /** Elevation and circle vector of latent value scores, each in the population's standard deviations. */
    static double[] sinusoid(double[] latent, ValueStatistics population) {
        int k = SchwartzValue.count();
        double[][] design = new double[k][];
        double[] standardised = new double[k];
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            double angle = Math.toRadians(v.angleDegrees());
            design[v.ordinal()] = new double[] {1, FastMath.cos(angle), FastMath.sin(angle)};
            standardised[v.ordinal()] = (latent[v.ordinal()] - population.means()[v.ordinal()])
                    / population.sds()[v.ordinal()];
        }
        RealMatrix x = MatrixUtils.createRealMatrix(design);
        RealMatrix hat = new LUDecomposition(x.transpose().multiply(x)).getSolver().getInverse().multiply(x.transpose());
        double[] coefficients = hat.operate(standardised);
        RealMatrix spread = hat.multiply(MatrixUtils.createRealMatrix(population.correlation())).multiply(hat.transpose());
        for (int i = 0; i < coefficients.length; i++) {
            coefficients[i] /= Math.sqrt(spread.getEntry(i, i));
        }
        return coefficients;
    }
}
