package org.valuesim.scenarios.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.values.ValueOutcomes;
import org.valuesim.populations.preset.Preset;
import org.valuesim.populations.survey.DataException;
import org.valuesim.populations.survey.OutcomeReferences;
import org.valuesim.results.behaviour.OutcomeTarget;
import org.valuesim.results.scoring.ValueScorer;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.ScenarioFile;

/**
 * The human value-behaviour references of a scenario ({@code compare-outcomes}: presets built from a codebook with
 * outcome items, or CSV files of {@code outcome,value,r,n}), checked against the run's instruments. Without the field,
 * the compare-to preset's outcomes, if it carries any that the run answers.
 */
final class OutcomeReferencePlan {

    static final String FIELD = "/compare-outcomes";

    /** Looks up a preset as the planner does (a built-in name or a .json path), errors located at the pointer. */
    interface PresetLookup {
        Preset find(String pointer, String name) throws InputException;
    }

    private OutcomeReferencePlan() {
    }

    /**
     * @param compareTo the compare-to preset, or null
     * @return the references, empty when there are none
     */
    static List<ValueOutcomes> references(ScenarioFile file, List<Instrument> instruments, Preset compareTo,
                                          PresetLookup presets) throws InputException {
        List<String> names = file.scenario().compareOutcomes();
        boolean valuesScored = instruments.stream().map(ValueScorer::forInstrument).anyMatch(Optional::isPresent);
        if (names == null) {
            // the compare-to preset's outcomes, when the run can compare them; a run that cannot is not refused
            if (compareTo == null || compareTo.outcomes() == null || !valuesScored) {
                return List.of();
            }
            try {
                return OutcomeTarget.match(instruments, List.of(compareTo.outcomes())).targets().isEmpty() ? List.of()
                        : List.of(compareTo.outcomes());
            } catch (IllegalArgumentException e) {
                return List.of();
            }
        }
        if (names.isEmpty()) {
            throw file.error(FIELD, "name at least one reference: a preset with outcomes or a CSV file "
                    + "(outcome,value,r,n)");
        }
        List<ValueOutcomes> references = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String at = FIELD + "/" + i;
            String name = names.get(i);
            if (name.endsWith(".csv")) {
                Path path = file.resolve(name);
                if (!Files.isRegularFile(path)) {
                    throw file.error(at, "no reference file " + path);
                }
                try {
                    references.add(OutcomeReferences.readCsv(path));
                } catch (DataException e) {
                    throw new InputException(e.getMessage(), e);
                }
            } else {
                Preset preset = presets.find(at, name);
                if (preset.outcomes() == null) {
                    throw file.error(at, "preset '" + preset.name() + "' carries no outcome correlations; build it "
                            + "from a codebook whose outcome items are marked group: behaviours, or give a CSV file");
                }
                references.add(preset.outcomes());
            }
        }
        if (!valuesScored) {
            throw file.error(FIELD, "value-behaviour profiles need the agents' value scores: add a value instrument "
                    + "(pvq21) to instruments");
        }
        OutcomeTarget.Matches matches;
        try {
            matches = OutcomeTarget.match(instruments, references);
        } catch (IllegalArgumentException e) {
            throw file.error(FIELD, e.getMessage());
        }
        if (matches.targets().isEmpty()) {
            throw file.error(FIELD, "no outcome of the reference is an item or scale of the instruments "
                    + instruments.stream().map(Instrument::id).toList() + "; its outcomes: "
                    + abbreviated(matches.notAnswered()));
        }
        return references;
    }

    private static String abbreviated(List<String> names) {
        String all = String.join(", ", names);
        return all.length() > 200 ? all.substring(0, 197) + "..." : all;
    }
}
