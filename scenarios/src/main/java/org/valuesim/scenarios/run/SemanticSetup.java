package org.valuesim.scenarios.run;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.valuesim.core.embed.TextEmbedder;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.PortraitText;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.semantic.CircleModel;
import org.valuesim.core.semantic.CirclePosition;
import org.valuesim.core.semantic.SemanticCalibration;
import org.valuesim.core.semantic.ValueCircle;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.populations.individuals.PersonFolds;
import org.valuesim.populations.preset.Preset;
import org.valuesim.scenarios.catalog.InstrumentCatalog;

/** What the semantic respondent reads and knows, built from the catalogs and presets. */
public final class SemanticSetup {

    private SemanticSetup() {
    }

    /**
     * The value circle anchored on the value definitions and on every item with a known value: the items of the
     * built-in instruments and of the given ones whose scale is a Schwartz value (each distinct text once).
     */
    public static ValueCircle circle(TextEmbedder embedder, Prompts prompts, List<Instrument> instruments) {
        InstrumentCatalog catalog = new InstrumentCatalog();
        List<Instrument> all = new ArrayList<>();
        catalog.builtInIds().forEach(id -> all.add(catalog.builtIn(id).orElseThrow()));
        all.addAll(instruments);
        Set<String> seen = new LinkedHashSet<>();
        List<ValueCircle.KeyedText> known = new ArrayList<>();
        for (Instrument instrument : all) {
            for (Item item : instrument.items()) {
                var value = SchwartzValue.find(item.scale());
                String text = PortraitText.render(item.text(), null);
                if (value.isPresent() && !item.reversed() && seen.add(text)) {
                    known.add(new ValueCircle.KeyedText(text, value.get()));
                }
            }
        }
        Map<SchwartzValue, String> definitions = new EnumMap<>(SchwartzValue.class);
        SchwartzValue.inCircularOrder().forEach(v -> definitions.put(v, prompts.definition(v)));
        return new ValueCircle(embedder, definitions, known);
    }

    /**
     * What a preset says of its people: each item's answer shares, how strongly answers go together (the circle
     * model fitted to the preset's latent item correlations, the items placed by their texts in {@code instrument}),
     * and the value distribution. With no instrument to read the items from, the GSS 2012 loadings.
     */
    public static SemanticCalibration calibration(Preset preset, Instrument instrument, ValueCircle circle) {
        List<String> ids = new ArrayList<>(preset.items().keySet());
        CircleModel model = CircleModel.GSS_2012;
        if (instrument != null && instrument.id().equals(preset.instrument())
                && ids.stream().allMatch(id -> instrument.item(id) != null) && ids.size() >= 3) {
            List<CirclePosition> positions = ids.stream()
                    .map(id -> circle.read(PortraitText.render(instrument.item(id).text(), null))).toList();
            model = CircleModel.fit(preset.measurement().responseCorrelation(ids), positions);
        }
        return new SemanticCalibration(model, preset.instrument(), preset.reference().itemShares(), preset.latent());
    }

    /**
     * Per persona (by its row, the persona's id), the calibration of the preset built without its person fold; with
     * no folds, none (equally likely answers, the GSS 2012 loadings).
     */
    public static Function<Persona, SemanticCalibration> byFolds(PersonFolds folds, Instrument instrument,
                                                                 ValueCircle circle) {
        if (folds == null) {
            SemanticCalibration none = SemanticCalibration.uninformed();
            return p -> none;
        }
        List<SemanticCalibration> perFold = folds.presets().stream().map(p -> calibration(p, instrument, circle)).toList();
        return p -> perFold.get(folds.fold(p.id()));
    }
}
