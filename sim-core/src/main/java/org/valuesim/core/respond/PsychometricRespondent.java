package org.valuesim.core.respond;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.instrument.Scale;
import org.valuesim.core.ordinal.OrdinalItemModel;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.random.Streams;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueStatistics;

/**
 * The embedded ground-truth respondent. It answers
 * <ul>
 * <li>value items from the persona's latent value scores through each item's ordered-probit model (from the preset);</li>
 * <li>items of other scales (Big Five, ...) from a latent trait t = sum(w_v z_v) + sqrt(1 - sum(w_v^2)) e, where
 * w are the instrument's value loadings for the scale, z_v the persona's latent value scores standardised with the
 * population's means and SDs, and e a standard normal draw keyed by (seed, agent, scale); the answer follows the
 * ordered-probit model x = t + e', e' ~ N(0, 1), with cut points that split x's N(0, 2) distribution into equally
 * likely options, so the trait moves answers but the marginal shape is not calibrated to any human data;</li>
 * <li>unscored items with human answer shares by drawing from the shares of the persona's group (the instrument's
 * human-group attribute), or the mean shares over groups when its group has none: a calibrated null model that
 * matches human marginals and carries no value information;</li>
 * <li>allocation items and dilemma moves with the {@link ValueRule}.</li>
 * </ul>
 * Anything else is a failed answer that says why. Answer distributions are exact; the chosen option is a draw
 * from a stream keyed by (seed, agent, item), so runs are reproducible in any order.
 */
public final class PsychometricRespondent implements Respondent {

    public static final String KIND = "psychometric";
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    private static final double TRAIT_NOISE_SD = 1.0;

    private final Map<String, OrdinalItemModel> itemModels;
    private final ValueStatistics population;
    private final long seed;
    private final ValueRule rule;
    private final Provenance provenance = Provenance.embedded(KIND);
    /** Per instrument id, then item id: what answering the item needs, worked out on its first answer. */
    private final Map<String, Map<String, ItemPlan>> plans = new ConcurrentHashMap<>();

    /**
     * What every answer to one item shares, so that an answer costs its distribution and one draw and nothing else.
     *
     * @param item  the item the plan is for (an instrument id may be reused by another instrument object)
     * @param key   "instrument/item", which keys the item's random stream
     * @param why   why the item cannot be answered, or null
     * @param model the item's ordinal model, or null when it is answered otherwise
     * @param value the value the model reads, or null
     */
    private record ItemPlan(Item item, String key, ResponseScale scale, String why, OrdinalItemModel model,
                            SchwartzValue value) {
    }

    /**
     * @param itemModels the ordinal model of each value item it can answer, keyed by "instrument/item"
     * @param population the value score means and SDs that standardise latent scores for trait items; null when
     *                   the respondent answers no trait items
     */
    public PsychometricRespondent(Map<String, OrdinalItemModel> itemModels, ValueStatistics population, long seed) {
        this.itemModels = Map.copyOf(itemModels);
        this.population = population;
        this.seed = seed;
        this.rule = new ValueRule(seed, population);
    }

    public static String key(String instrumentId, String itemId) {
        return instrumentId + "/" + itemId;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletableFuture<Answer> answer(Persona persona, Instrument instrument, Item item) {
        return CompletableFuture.completedFuture(answerNow(persona, instrument, item));
    }

    /** Answers and moves come from keyed random streams: computing one costs less than reading it back from a log. */
    @Override
    public boolean recomputable() {
        return true;
    }

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

    /** Why this respondent cannot answer the item, or null when it can (checked before a run starts). */
    public String cannotAnswer(Instrument instrument, Item item) {
        ResponseScale scale = instrument.response(item);
        if (scale.isAllocation() || !item.human().isEmpty()) {
            return null;
        }
        if (item.scale() != null && SchwartzValue.find(item.scale()).isPresent()) {
            OrdinalItemModel model = itemModels.get(key(instrument.id(), item.id()));
            if (model == null) {
                return "no ordinal item model for " + key(instrument.id(), item.id())
                        + " (the preset describes other items)";
            }
            return model.categories() == scale.size() ? null : "item model has " + model.categories()
                    + " categories but the item has " + scale.size() + " options";
        }
        if (item.scale() != null && scale.isOrdered()) {
            return population == null ? "no population value statistics to derive traits from" : null;
        }
        return "a " + scale.kind() + " item " + (item.scale() == null ? "that scores no scale" : "with unordered options")
                + " and has no human answer shares gives it nothing to answer from";
    }

    private ItemPlan plan(Instrument instrument, Item item) {
        Map<String, ItemPlan> byItem = plans.computeIfAbsent(instrument.id(), id -> new ConcurrentHashMap<>());
        ItemPlan plan = byItem.get(item.id());
        if (plan == null || plan.item() != item) {
            String key = key(instrument.id(), item.id());
            OrdinalItemModel model = item.human().isEmpty() ? itemModels.get(key) : null;
            SchwartzValue value = model == null ? null : SchwartzValue.find(item.scale()).orElse(null);
            plan = new ItemPlan(item, key, instrument.response(item), cannotAnswer(instrument, item),
                    value == null ? null : model, value);
            byItem.put(item.id(), plan);
        }
        return plan;
    }

    private Answer answerNow(Persona persona, Instrument instrument, Item item) {
        ItemPlan plan = plan(instrument, item);
        ResponseScale scale = plan.scale();
        if (scale.isAllocation()) {
            return rule.decide(persona, new Decision("donation", 1, instrument, item, Double.NaN), provenance);
        }
        String why = plan.why();
        if (why == null && persona.latent() == null && item.human().isEmpty()) {
            why = "persona has no latent value scores";
        }
        if (why != null) {
            return Answer.failed(persona.id(), instrument.id(), item.id(), why, "", provenance);
        }
        double[] p;
        if (plan.model() != null) {
            p = plan.model().distribution(persona.latent().get(plan.value()));
        } else if (!item.human().isEmpty()) {
            p = HumanShares.of(persona, instrument, item);
        } else {
            p = traitDistribution(persona, instrument, item, scale.size());
        }
        if (item.reversed()) {
            reverse(p);
        }
        SplittableRandom random = Streams.of(seed, "psychometric-answer", persona.id(), plan.key());
        int chosen = Choices.draw(p, random.nextDouble());
        return Answer.ok(persona.id(), instrument.id(), item.id(), scale.options().get(chosen).value(), p, "", provenance);
    }

    private double[] traitDistribution(Persona persona, Instrument instrument, Item item, int categories) {
        Scale scale = instrument.scales().get(item.scale());
        Map<String, Double> loadings = scale == null ? Map.of() : scale.valueLoadings();
        double trait = 0;
        double explained = 0;
        for (var loading : loadings.entrySet()) {
            SchwartzValue value = SchwartzValue.find(loading.getKey()).orElseThrow(() ->
                    new IllegalStateException("value loading on an unknown value " + loading.getKey()));
            int v = value.ordinal();
            double z = (persona.latent().get(value) - population.means()[v]) / population.sds()[v];
            trait += loading.getValue() * z;
            explained += loading.getValue() * loading.getValue();
        }
        SplittableRandom own = Streams.of(seed, "psychometric-trait", persona.id(), instrument.id() + "/" + item.scale());
        trait += Math.sqrt(1 - explained) * Streams.gaussian(own);
        double spread = Math.sqrt(1 + TRAIT_NOISE_SD * TRAIT_NOISE_SD);
        double[] thresholds = new double[categories - 1];
        for (int k = 1; k < categories; k++) {
            thresholds[k - 1] = spread * STANDARD_NORMAL.inverseCumulativeProbability((double) k / categories);
        }
        return new OrdinalItemModel(thresholds, TRAIT_NOISE_SD).distribution(trait);
    }

    private static void reverse(double[] p) {
        for (int i = 0, j = p.length - 1; i < j; i++, j--) {
            double t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
    }
}
