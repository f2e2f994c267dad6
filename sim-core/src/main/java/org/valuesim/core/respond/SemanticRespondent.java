package org.valuesim.core.respond;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.valuesim.core.embed.TextEmbedder;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.PortraitText;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.random.Streams;

/**
 * The embedded text-reading respondent: it embeds the persona's text (its value prompt, ranked profile,
 * backstory, or the naive instructions) and the item with an in-process sentence-embedding model, and maps
 * similarity to an answer distribution. No model server is needed.
 *
 * <p>The mapping, for Likert items: s = cos(persona, item); z = (s - mean) / sd over the instrument's items
 * for this persona (so answers are relative to the persona's own profile, as centred value scores are);
 * the expected option m = (1 + K) / 2 + z (K - 1) / 4, kept within 1..K; P(k) is proportional to
 * exp(-(k - m)^2 / 2), a normal of one option's width around m. For multiple-choice items with text
 * options: P(k) proportional to exp(cos(persona, item + option k) / 0.02). The chosen option is a draw with a
 * stream keyed by (seed, agent, item). Every text is embedded once.
 */
public final class SemanticRespondent implements Respondent {

    public static final String KIND = "semantic";
    static final double OPTION_WIDTH = 1.0;
    static final double CHOICE_TEMPERATURE = 0.02;
    static final double MIN_SD = 0.02;

    private final TextEmbedder embedder;
    private final Prompts prompts;
    private final long seed;
    private final Provenance provenance = Provenance.embedded(KIND);
    private final Map<String, double[]> baselines = new ConcurrentHashMap<>();
    private final ValueRule rule;

    public SemanticRespondent(TextEmbedder embedder, Prompts prompts, long seed) {
        this.embedder = embedder;
        this.prompts = prompts;
        this.seed = seed;
        this.rule = new ValueRule(seed, null);
    }

    /** Dilemma moves follow the documented value rule on the persona's values, as the psychometric respondent's do. */
    @Override
    public boolean readsDecisionText() {
        return false;
    }

    @Override
    public CompletableFuture<Answer> act(Persona persona, Decision decision) {
        return CompletableFuture.completedFuture(rule.decide(persona, decision, provenance));
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The text that stands for the persona (an empty backstory, as with no history, stands for nothing: unprimed). */
    String personaText(Persona persona) {
        if (persona.backstory() != null && !persona.backstory().isBlank()) {
            return persona.backstory();
        }
        return prompts.system(persona, true);
    }

    @Override
    public CompletableFuture<Answer> answer(Persona persona, Instrument instrument, Item item) {
        if (instrument.response(item).isAllocation()) {
            return CompletableFuture.completedFuture(rule.decide(persona, new Decision("donation", 1, instrument, item,
                    Double.NaN), provenance));
        }
        float[] self = embedder.embed(personaText(persona));
        String gender = persona.demographics().get("gender");
        int k = instrument.response(item).size();
        double[] p = new double[k];
        if (instrument.response(item).isOrdered()) {
            double s = TextEmbedder.cosine(self, embedder.embed(PortraitText.render(item.text(), gender)));
            double[] baseline = baselines.computeIfAbsent(personaText(persona) + "\u0000" + instrument.id(),
                    key -> baseline(self, instrument, gender));
            double z = (s - baseline[0]) / Math.max(MIN_SD, baseline[1]);
            double m = Math.min(k, Math.max(1, (1 + k) / 2.0 + z * (k - 1) / 4.0));
            for (int i = 0; i < k; i++) {
                double d = (i + 1 - m) / OPTION_WIDTH;
                p[i] = Math.exp(-d * d / 2);
            }
        } else {
            for (int i = 0; i < k; i++) {
                String option = PortraitText.render(item.text(), gender) + " " + instrument.response(item).options().get(i).label();
                p[i] = Math.exp(TextEmbedder.cosine(self, embedder.embed(option)) / CHOICE_TEMPERATURE);
            }
        }
        double total = 0;
        for (double x : p) {
            total += x;
        }
        for (int i = 0; i < k; i++) {
            p[i] /= total;
        }
        int chosen = Choices.draw(p, Streams.of(seed, "semantic-answer", persona.id(),
                instrument.id() + "/" + item.id()).nextDouble());
        return CompletableFuture.completedFuture(Answer.ok(persona.id(), instrument.id(), item.id(),
                instrument.response(item).options().get(chosen).value(), p, "", provenance));
    }

    /** Mean and SD of the persona's similarity to the instrument's items. */
    private double[] baseline(float[] self, Instrument instrument, String gender) {
        double[] s = instrument.items().stream()
                .mapToDouble(i -> TextEmbedder.cosine(self, embedder.embed(PortraitText.render(i.text(), gender)))).toArray();
        double mean = java.util.Arrays.stream(s).average().orElse(0);
        double var = java.util.Arrays.stream(s).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, s.length - 1);
        return new double[] {mean, Math.sqrt(var)};
    }
}
