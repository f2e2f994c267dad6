package org.valuesim.core.respond;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.random.Streams;
import org.valuesim.core.values.SchwartzValue;

/**
 * The embedded ground-truth respondent: answers value items from the persona's latent value scores
 * through each item's ordered-probit model. Its answer distribution is exact; the chosen option is
 * a draw from it with a stream keyed by (seed, agent, item), so runs are reproducible in any order.
 */
public final class PsychometricRespondent implements Respondent {

    public static final String KIND = "psychometric";

    private final Map<String, OrdinalItemModel> itemModels;
    private final long seed;
    private final Provenance provenance = Provenance.embedded(KIND);

    /**
     * @param itemModels the ordinal model of each item it can answer, keyed by "instrument/item"
     */
    public PsychometricRespondent(Map<String, OrdinalItemModel> itemModels, long seed) {
        this.itemModels = Map.copyOf(itemModels);
        this.seed = seed;
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

    private Answer answerNow(Persona persona, Instrument instrument, Item item) {
        OrdinalItemModel model = itemModels.get(key(instrument.id(), item.id()));
        var value = SchwartzValue.find(item.scale());
        if (model == null || value.isEmpty() || persona.latent() == null) {
            String why = model == null ? "no ordinal item model for " + key(instrument.id(), item.id())
                    : value.isEmpty() ? "item scale '" + item.scale() + "' is not a Schwartz value"
                    : "persona has no latent value scores";
            return Answer.failed(persona.id(), instrument.id(), item.id(), why, "", provenance);
        }
        if (model.categories() != instrument.response().size()) {
            return Answer.failed(persona.id(), instrument.id(), item.id(), "item model has " + model.categories()
                    + " categories but the instrument has " + instrument.response().size() + " options", "", provenance);
        }
        double[] p = model.distribution(persona.latent().get(value.get()));
        if (item.reversed()) {
            reverse(p);
        }
        SplittableRandom random = Streams.of(seed, "psychometric-answer", persona.id(), key(instrument.id(), item.id()));
        int chosen = Choices.draw(p, random.nextDouble());
        return Answer.ok(persona.id(), instrument.id(), item.id(), instrument.response().options().get(chosen).value(),
                p, "", provenance);
    }

    private static void reverse(double[] p) {
        for (int i = 0, j = p.length - 1; i < j; i++, j--) {
            double t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
    }
}
