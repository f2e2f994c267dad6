package org.valuesim.results.record;

import java.util.List;
import java.util.Map;

/**
 * summary.json of a run: what ran (scenario, seed, population, answer counts, reference), then one part per kind of
 * statistic. A part the run has no data for is null and left out of the file. Maps are keyed by value id, item id or
 * dilemma id, in the order the run met them.
 *
 * <p>A new part is a new component here (a record of its own in this package, null where a run lacks it), set where
 * {@code ResultsFolder.finish} builds the summary; {@code compare} and {@code study} pick up its numbers without change.
 *
 * @param referenceInstrument the instrument the human reference answered; when it differs from valueInstrument, only
 *                            the ten values' structure and, on a shared answer scale, the value means are compared
 * @param capsIntegration     backstory-caps only: coordinator or average
 * @param valueInstrument     the instrument whose answers are scored as Schwartz values
 * @param scoredAgents        agents with every item of the value instrument answered
 * @param valueOutcomes       outcomes of a value-behaviour reference that the agents answered, with their profiles
 */
public record RunSummary(String scenario, long seed, int agents, Population population, long answers,
                         long failedAnswers, Long moves, Long failedMoves, String compareTo, String referenceInstrument,
                         String capsIntegration, String valueInstrument, Long scoredAgents,
                         Map<String, ValueMean> valueMeans, Map<String, ValueReliability> reliability,
                         ValueCorrelation valueCorrelation, Circumplex circumplex, HumanAgreement humanAgreement,
                         Map<String, ItemComparison> items, Map<String, DilemmaSummary> dilemmas,
                         Map<String, ValueBehaviourProfile> valueBehaviour, CapsSummary caps,
                         ValueOutcomeAgreement valueOutcomes) implements Summary {

    /**
     * Who was simulated: a preset's population (preset, its description, the strategy) or imported individuals (their
     * data file), with the respondent and the instruments answered.
     */
    public record Population(String individuals, String preset, String presetDescription, String strategy,
                             String respondent, List<String> instruments) {
    }

    /**
     * What the runner knows of a run before its statistics: the summary's first part.
     *
     * @param moves       dilemma moves (null without dilemmas)
     * @param compareTo   the human reference's name (null when none)
     */
    public record Header(String scenario, long seed, int agents, Population population, long answers,
                         long failedAnswers, Long moves, Long failedMoves, String compareTo, String capsIntegration) {
    }
}
