package org.valuesim.core.respond;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.commons.math3.util.FastMath;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.PortraitText;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.ordinal.LatentGaussian;
import org.valuesim.core.ordinal.OrdinalItemModel;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.random.Streams;
import org.valuesim.core.semantic.CircleModel;
import org.valuesim.core.semantic.CirclePosition;
import org.valuesim.core.semantic.PersonaReader;
import org.valuesim.core.semantic.SemanticCalibration;
import org.valuesim.core.values.ValueStatistics;

/**
 * The embedded text-reading respondent: no model server, only an in-process sentence-embedding model.
 *
 * <p>It reads each item's text onto the value circle ({@link org.valuesim.core.semantic.ValueCircle}), forms a
 * belief about the persona's elevation and place on the circle ({@link PersonaReader}: from an imported
 * individual's answered items, a persona's latent values, its value prompt, or nothing), and answers through the
 * ordinal model of {@link CircleModel}, the item's cut points set by its human answer shares (the calibration's, else
 * the item's own human shares, else equally likely answers). Unordered options are read onto the circle with the
 * item; an option's log-odds are its share's plus b x its closeness to the persona on the circle. Allocations and
 * dilemma moves follow the {@link ValueRule}.
 *
 * <p>Two modes. {@link Mode#SIMULATE} (runs): each persona is one person, drawn from the belief once (a stream keyed
 * by seed and agent), who answers by a draw from their answer distribution (keyed by seed, agent and item).
 * {@link Mode#PREDICT} (the accuracy benchmark): the answer distribution is the belief's predictive one and the
 * answer its mode.
 */
public final class SemanticRespondent implements Respondent {

    public static final String KIND = "semantic";

    /** SIMULATE draws a person and their answers; PREDICT gives the most likely answer of the person described. */
    public enum Mode { SIMULATE, PREDICT }

    private final PersonaReader reader;
    private final Function<Persona, SemanticCalibration> calibration;
    private final long seed;
    private final Mode mode;
    private final Provenance provenance = Provenance.embedded(KIND);
    private final ValueRule rule;

    /**
     * @param calibration per persona, what is known of the people it stands for (in the accuracy benchmark, the
     *                    people of the other folds)
     * @param population  the population's value scores, whose mean person is neutral in dilemmas; null when personas
     *                    carry no latent values
     */
    public SemanticRespondent(PersonaReader reader, Function<Persona, SemanticCalibration> calibration,
                              ValueStatistics population, long seed, Mode mode) {
        this.reader = reader;
        this.calibration = calibration;
        this.seed = seed;
        this.mode = mode;
        this.rule = new ValueRule(seed, population);
    }

    /** Dilemma moves follow the documented value rule on the persona's values, as the psychometric respondent's do. */
    @Override
    public boolean readsDecisionText() {
        return false;
    }

    @Override
    public java.util.Optional<ValueRule> valueRule() {
        return java.util.Optional.of(rule);
    }

    @Override
    public CompletableFuture<Answer> act(Persona persona, Decision decision) {
        return CompletableFuture.completedFuture(rule.decide(persona, decision, provenance));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletableFuture<Answer> answer(Persona persona, Instrument instrument, Item item) {
        ResponseScale scale = instrument.response(item);
        if (scale.isAllocation()) {
            return CompletableFuture.completedFuture(rule.decide(persona, new Decision("donation", 1, instrument, item,
                    Double.NaN), provenance));
        }
        SemanticCalibration known = calibration.apply(persona);
        LatentGaussian belief = reader.belief(persona, known);
        if (mode == Mode.SIMULATE) {
            belief = LatentGaussian.point(belief.draw(Streams.of(seed, "semantic-person", persona.id(), "")));
        }
        String text = PortraitText.render(item.text(), null);
        CirclePosition position = reader.circle().read(text);
        int k = scale.size();
        double[] shares = known.shares(instrument.id(), item.id(), k);
        boolean calibrated = shares != null;
        if (!calibrated) {
            shares = HumanShares.of(persona, instrument, item);
        }
        double[] p;
        if (scale.isOrdered()) {
            OrdinalItemModel model = calibrated ? known.model(item.id(), position, k)
                    : known.circle().model(position, shares, k);
            p = belief.predictive(known.circle().loading(position), model);
        } else {
            p = choice(known.circle(), belief.mean(), text, scale, shares);
        }
        int chosen = mode == Mode.PREDICT ? Choices.argmax(p)
                : Choices.draw(p, Streams.of(seed, "semantic-answer", persona.id(), instrument.id() + "/" + item.id())
                        .nextDouble());
        return CompletableFuture.completedFuture(Answer.ok(persona.id(), instrument.id(), item.id(),
                scale.options().get(chosen).value(), p, "", provenance));
    }

    /** Unordered options: P(k) proportional to share_k exp(b rho_k cos(angle to the person's place)). */
    private double[] choice(CircleModel circle, double[] person, String text, ResponseScale scale, double[] shares) {
        int k = scale.size();
        double[] logits = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            double[] toward = reader.circle().read(text + " " + scale.options().get(i).label()).vector();
            double base = shares == null ? 1.0 / k : Math.max(shares[i], 1e-9);
            logits[i] = FastMath.log(base) + circle.circle() * (person[1] * toward[0] + person[2] * toward[1]);
            max = Math.max(max, logits[i]);
        }
        double total = 0;
        double[] p = new double[k];
        for (int i = 0; i < k; i++) {
            p[i] = FastMath.exp(logits[i] - max);
            total += p[i];
        }
        for (int i = 0; i < k; i++) {
            p[i] /= total;
        }
        return p;
    }
}
