package org.valuesim.scenarios.catalog;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.populations.survey.AnswerTable;
import org.valuesim.populations.survey.Codebook;
import org.valuesim.populations.survey.CodebookInstrument;
import org.valuesim.populations.survey.DataException;
import org.valuesim.populations.survey.SurveyReader;
import org.valuesim.scenarios.scenario.Document;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.Pointers;
import org.valuesim.scenarios.scenario.Sources;
import org.valuesim.scenarios.scenario.StrictReader;

/**
 * A survey file read through its codebook, every problem an input error naming the file and place.
 *
 * @param instrument the built-in instrument the codebook names, or empty for one valuesim does not have (such
 *                   as PVQ-40: its items are then known only by the codebook's keys); for a codebook with questions,
 *                   the instrument it makes ({@link CodebookInstrument})
 * @param sources    where the codebook's fields are, for later checks that name one
 */
public record SurveyFiles(Codebook codebook, AnswerTable table, Optional<Instrument> instrument, Sources sources) {

    /**
     * @param groupColumn a column splitting the respondents into groups, or null
     */
    public static SurveyFiles read(Path data, Path codebook, String groupColumn) throws InputException {
        Document document = StrictReader.yaml().parse(codebook);
        Sources sources = document.sources();
        Codebook book = StrictReader.yaml().bind(document.root(), Codebook.class, sources);
        Optional<Instrument> instrument = book.isMixed() ? Optional.empty()
                : checkItems(book, sources, new InstrumentCatalog());
        try {
            AnswerTable table = new SurveyReader().readAnswers(data, book, groupColumn);
            if (book.isMixed()) {
                instrument = Optional.of(CodebookInstrument.of(book, table));
            }
            return new SurveyFiles(book, table, instrument, sources);
        } catch (DataException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    /** The codebook's instrument, whose item texts personas and predictions need; a built-in one. */
    public Instrument instrumentWithTexts() throws InputException {
        return instrument.orElseThrow(() -> sources.error("/instrument", "'" + codebook.instrument()
                + "' is not a built-in instrument, so its item texts are unknown; built-in: "
                + String.join(", ", new InstrumentCatalog().builtInIds())));
    }

    /**
     * Each column's item must be an item of the codebook's instrument, read from one column only, and score the
     * value the instrument keys it to. For an instrument valuesim does not have, item ids that belong to a
     * built-in instrument mean the codebook names the wrong one.
     */
    private static Optional<Instrument> checkItems(Codebook book, Sources sources, InstrumentCatalog catalog)
            throws InputException {
        Optional<Instrument> instrument = catalog.builtIn(book.instrument());
        Map<String, String> builtInItems = instrument.isPresent() ? Map.of() : builtInItems(catalog);
        Map<String, String> columnOfItem = new HashMap<>();
        for (Map.Entry<String, Codebook.CodebookItem> e : book.items().entrySet()) {
            String at = Pointers.child("/items", e.getKey());
            String id = e.getValue().item();
            String earlier = columnOfItem.putIfAbsent(id, e.getKey());
            if (earlier != null) {
                throw sources.error(at + "/item", "item " + id + " is already read from column " + earlier);
            }
            if (e.getValue().isBehaviour()) {
                continue; // an outcome: matched by name to what a run answers, not an item of the value instrument
            }
            if (instrument.isEmpty()) {
                String owner = builtInItems.get(id);
                if (owner != null) {
                    throw sources.error("/instrument", "'" + book.instrument() + "' is not a built-in instrument, yet "
                            + "item " + id + " (items." + e.getKey() + ") is " + owner + "'s; write instrument: " + owner);
                }
                continue;
            }
            Item item = instrument.get().item(id);
            if (item == null) {
                List<Item> items = instrument.get().items();
                throw sources.error(at + "/item", "no item '" + id + "' in instrument " + book.instrument() + " (its items: "
                        + items.get(0).id() + " .. " + items.get(items.size() - 1).id() + ")");
            }
            Optional<SchwartzValue> keyed = SchwartzValue.find(item.scale());
            SchwartzValue given = SchwartzValue.find(e.getValue().value()).orElseThrow();
            if (keyed.isPresent() && keyed.get() != given) {
                throw sources.error(at + "/value", id + " scores " + keyed.get().id() + " in " + book.instrument()
                        + ", not " + given.id());
            }
        }
        return instrument;
    }

    /** Every built-in item id and the instrument it belongs to. */
    private static Map<String, String> builtInItems(InstrumentCatalog catalog) {
        Map<String, String> owners = new HashMap<>();
        for (String id : catalog.builtInIds()) {
            catalog.builtIn(id).orElseThrow().items().forEach(item -> owners.putIfAbsent(item.id(), id));
        }
        return owners;
    }
}
