package org.valuesim.results;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.valuesim.core.dilemma.RoundResult;
import org.valuesim.core.dilemma.RoundSink;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.values.ValueOutcomes;
import org.valuesim.results.behaviour.OutcomeCollector;
import org.valuesim.results.behaviour.OutcomeProfiles;
import org.valuesim.results.behaviour.OutcomeTarget;
import org.valuesim.results.dilemma.DilemmaRecorder;
import org.valuesim.results.items.HumanShareTally;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.sim.AgentAnswers;
import org.valuesim.core.sim.AnswerSink;
import org.valuesim.core.values.HumanReference;
import org.valuesim.results.record.AnswerCounts;
import org.valuesim.results.scoring.PackedScores;
import org.valuesim.results.scoring.ScaleScorer;
import org.valuesim.results.scoring.ValueScorer;
import org.valuesim.results.scoring.ValueScores;
import org.valuesim.results.record.CapsSummary;
import org.valuesim.results.record.DilemmaSummary;
import org.valuesim.results.record.ItemComparison;
import org.valuesim.results.record.ResultsJson;
import org.valuesim.results.record.RunManifest;
import org.valuesim.results.record.RunSummary;
import org.valuesim.results.record.ValueBehaviourProfile;
import org.valuesim.results.record.ValueOutcomeAgreement;
import org.valuesim.results.stats.Resampling;
import org.valuesim.results.values.ValueParts;
import org.valuesim.results.write.Decimals;
import org.valuesim.results.write.AgentsCsv;
import org.valuesim.results.write.Csv;
import org.valuesim.results.write.ResponsesCsv;
import org.valuesim.results.write.ResponseTable;
import org.valuesim.results.write.AgentTable;
import org.valuesim.results.write.ResultsFormat;
import org.valuesim.results.parquet.AgentsParquet;
import org.valuesim.results.parquet.ResponsesParquet;

/**
 * A run's results folder, the results module's entry point: it receives every agent's answers as
 * they are recorded, streams responses.csv (and/or responses.parquet, as its {@link ResultsFormat} says), scores each
 * agent and keeps its value scores packed, writes agents.csv as agents are scored (a survey-only run) or at the end,
 * and at the end writes summary.json and manifest.json.
 */
public final class ResultsFolder implements AnswerSink, RoundSink, AutoCloseable {

    public static final String SCENARIO = "scenario.yaml";
    public static final String RESPONSES = "responses.csv";
    public static final String AGENTS = "agents.csv";
    public static final String SUMMARY = "summary.json";
    public static final String MANIFEST = "manifest.json";
    public static final String MODULES = "modules.csv";
    public static final String RESPONSES_PARQUET = "responses.parquet";
    public static final String AGENTS_PARQUET = "agents.parquet";

    private final Path dir;
    private final Map<String, Instrument> instruments = new LinkedHashMap<>();
    private final ValueScorer scorer;
    private final List<ScaleScorer> scaleScorers;
    private final ResultsFormat format;
    /** responses.csv and/or responses.parquet, as the format says. */
    private final List<ResponseTable> responses = new ArrayList<>();
    /** Every agent's row, kept for the end when agents.csv cannot be written as agents are scored; else empty. */
    private final List<AgentsCsv.Row> rows = new ArrayList<>();
    /** agents.csv and/or .parquet while written as agents are scored (see {@link #writeAgentsAsScored}); else empty. */
    private final List<AgentTable> agentsAsScored = new ArrayList<>();
    /** The fully scored agents' value scores, packed, for the summary's statistics; null without a value instrument. */
    private final PackedScores scored;
    private final AnswerCounts counts = new AnswerCounts();
    private final Map<String, int[]> itemCounts = new LinkedHashMap<>();
    /** Every instrument item by instrument id, then item id, looked up once per answer. */
    private final Map<String, Map<String, Item>> items = new java.util.HashMap<>();
    private final HumanShareTally humanShares;
    private final DilemmaRecorder dilemmas;
    private OutcomeTarget.Matches outcomeMatches;
    private OutcomeCollector outcomes;
    private Writer modules;
    private long capsAnswers;
    private long capsUnanimous;

    private ResultsFolder(Path dir, List<Instrument> instruments, ResultsFormat format) throws IOException {
        this.dir = dir;
        this.format = format;
        instruments.forEach(i -> this.instruments.put(i.id(), i));
        instruments.forEach(i -> i.items().forEach(item -> items.computeIfAbsent(i.id(), id -> new java.util.HashMap<>())
                .put(item.id(), item)));
        this.scorer = instruments.stream().map(ValueScorer::forInstrument).flatMap(Optional::stream).findFirst()
                .orElse(null);
        this.scaleScorers = instruments.stream().filter(i -> scorer == null || i != scorer.instrument())
                .map(ScaleScorer::new).toList();
        int maxOptions = instruments.stream().flatMap(i -> i.items().stream().map(i::response))
                .filter(r -> !ResponseScale.NUMERIC.equals(r.kind())).mapToInt(ResponseScale::size).max().orElse(0);
        this.scored = scorer == null ? null : new PackedScores(scorer);
        this.humanShares = new HumanShareTally(instruments);
        this.dilemmas = new DilemmaRecorder(dir);
        if (format.csv()) {
            responses.add(new ResponsesCsv(Files.newBufferedWriter(dir.resolve(RESPONSES), StandardCharsets.UTF_8),
                    maxOptions));
        }
        if (format.parquet()) {
            responses.add(new ResponsesParquet(dir.resolve(RESPONSES_PARQUET), maxOptions));
        }
    }

    /**
     * Creates the folder (it must not exist, or be empty) and writes the scenario as run.
     */
    public static ResultsFolder create(Path dir, String scenarioAsRun, List<Instrument> instruments)
            throws IOException {
        return create(dir, scenarioAsRun, instruments, ResultsFormat.CSV);
    }

    /** As {@link #create(Path, String, List)}, writing answers and agents in the given format. */
    public static ResultsFolder create(Path dir, String scenarioAsRun, List<Instrument> instruments,
                                       ResultsFormat format) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(SCENARIO), scenarioAsRun, StandardCharsets.UTF_8);
        return new ResultsFolder(dir, instruments, format);
    }

    public Path dir() {
        return dir;
    }

    /**
     * Compares the agents' outcomes with human value-behaviour references: call before the first answer arrives.
     *
     * @throws IllegalArgumentException as {@link OutcomeTarget#match} does
     */
    public void compareOutcomes(List<ValueOutcomes> references) {
        outcomeMatches = OutcomeTarget.match(List.copyOf(instruments.values()), references);
        outcomes = new OutcomeCollector(List.copyOf(instruments.values()), outcomeMatches.targets());
    }

    public AnswerCounts counts() {
        return counts;
    }

    /**
     * Writes agents.csv row by row as agents are scored instead of keeping every agent for the end, so that a run's
     * memory does not grow with its agents: call before the first answer arrives, for a run without dilemmas (their
     * columns follow the survey) and without outcome comparisons (they read every agent's scores at the end).
     *
     * @param demographicColumns every demographic attribute any of the run's personas has, sorted
     */
    public void writeAgentsAsScored(List<String> demographicColumns) throws IOException {
        if (outcomes != null) {
            throw new IllegalStateException("outcome comparisons read every agent's scores at the end");
        }
        agentsAsScored.addAll(agentTables(demographicColumns, scaleColumns()));
    }

    /** agents.csv and/or agents.parquet, as the format says, their headers written. */
    private List<AgentTable> agentTables(List<String> demographicColumns, List<String> scaleColumns) throws IOException {
        List<AgentTable> tables = new ArrayList<>();
        if (format.csv()) {
            tables.add(new AgentsCsv(Files.newBufferedWriter(dir.resolve(AGENTS), StandardCharsets.UTF_8),
                    demographicColumns, scaleColumns));
        }
        if (format.parquet()) {
            tables.add(new AgentsParquet(dir.resolve(AGENTS_PARQUET), demographicColumns, scaleColumns));
        }
        return tables;
    }

    private List<String> scaleColumns() {
        return scaleScorers.stream().flatMap(s -> s.columns().stream()).toList();
    }

    @Override
    public void accept(AgentAnswers agent) throws IOException {
        for (Answer answer : agent.answers()) {
            Instrument instrument = instruments.get(answer.instrumentId());
            Item item = items.get(answer.instrumentId()).get(answer.itemId());
            ResponseScale scale = instrument.response(item);
            for (ResponseTable table : responses) {
                table.write(answer, scale);
            }
            if (!answer.modules().isEmpty()) {
                writeModules(answer);
            }
            counts.add(answer);
            humanShares.add(agent.persona(), answer, instrument, item);
            if (answer.isOk() && scorer != null && instrument == scorer.instrument()) {
                itemCounts.computeIfAbsent(answer.itemId(), id -> new int[scale.size()])[scale.indexOf(answer.choice())]++;
            }
        }
        double[] scales = scaleScorers.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.score(agent.answers())))
                .toArray();
        ValueScores scores = scorer == null ? null : scorer.score(agent.answers());
        if (scores != null) {
            scored.add(scores);
        }
        AgentsCsv.Row row = new AgentsCsv.Row(agent.persona(), scores, scales);
        if (agentsAsScored.isEmpty()) {
            rows.add(row);
        }
        for (AgentTable table : agentsAsScored) {
            table.write(row);
        }
        if (outcomes != null) {
            outcomes.accept(agent.answers());
        }
    }

    @Override
    public void accept(RoundResult round) throws IOException {
        if (!agentsAsScored.isEmpty()) {
            throw new IllegalStateException("agents.csv is being written as agents are scored: a run with dilemmas "
                    + "writes it at the end");
        }
        dilemmas.accept(round);
    }

    /** The dilemma moves recorded so far. */
    public AnswerCounts moveCounts() {
        return dilemmas.counts();
    }

    /** modules.csv: what each perspective module of backstory-caps said, one row per module and answer. */
    private void writeModules(Answer answer) throws IOException {
        if (modules == null) {
            modules = Files.newBufferedWriter(dir.resolve(MODULES), StandardCharsets.UTF_8);
            modules.write("agent_id,instrument,item_id,module,answer,analysis\n");
        }
        for (Answer.ModuleAnswer m : answer.modules()) {
            modules.write(answer.agentId() + "," + Csv.cell(answer.instrumentId()) + "," + Csv.cell(answer.itemId()) + ","
                    + Csv.cell(m.module()) + "," + (m.answer() == null ? "" : m.answer()) + "," + Csv.cell(m.analysis()) + "\n");
        }
        capsAnswers++;
        Integer first = answer.modules().get(0).answer();
        if (first != null && answer.modules().stream().allMatch(m -> first.equals(m.answer()))) {
            capsUnanimous++;
        }
    }

    /**
     * Closes responses.csv and writes agents.csv and summary.json.
     *
     * @param header     what the runner knows of the run (scenario, population, counts)
     * @param reference  the human reference to compare with, or null
     * @param resampling the statistics' permutation tests and bootstrap
     * @param networks   per dilemma id, the network it was played on
     * @return the summary as written
     */
    public RunSummary finish(RunSummary.Header header, HumanReference reference, Resampling resampling,
                             Map<String, DilemmaSummary.Network> networks) throws IOException {
        close();
        if (agentsAsScored.isEmpty()) {
            writeAgents();
        }
        List<ValueScores> scores = rows.stream().map(AgentsCsv.Row::scores).toList();
        ValueParts values = scorer == null ? null : ValueParts.of(scorer, scored, itemCounts, reference, resampling);
        Map<String, ItemComparison> items = new LinkedHashMap<>();
        if (values != null && values.items() != null) {
            items.putAll(values.items());
        }
        items.putAll(humanShares.summary());
        Map<String, ValueBehaviourProfile> valueBehaviour = dilemmas.any() && scorer != null
                ? dilemmas.valueBehaviour(rows.stream().map(r -> r.persona().id()).toList(), scores) : Map.of();
        RunSummary summary = new RunSummary(header.scenario(), header.seed(), header.agents(), header.population(),
                header.answers(), header.failedAnswers(), header.moves(), header.failedMoves(), header.compareTo(),
                reference == null ? null : reference.instrument(), header.capsIntegration(),
                scorer == null ? null : scorer.instrument().id(), values == null ? null : values.scoredAgents(),
                values == null ? null : values.valueMeans(), values == null ? null : values.reliability(),
                values == null ? null : values.valueCorrelation(), values == null ? null : values.circumplex(),
                values == null ? null : values.humanAgreement(), items.isEmpty() ? null : items,
                dilemmas.any() ? dilemmas.summary(networks) : null, valueBehaviour.isEmpty() ? null : valueBehaviour,
                caps(header), valueOutcomes(scores, resampling));
        ResultsJson.write(dir.resolve(SUMMARY), summary);
        return summary;
    }

    /** agents.csv from the rows kept, with each agent's dilemma columns after its scale scores. */
    private void writeAgents() throws IOException {
        TreeSet<String> demographics = new TreeSet<>();
        rows.forEach(r -> demographics.addAll(r.persona().demographics().keySet()));
        List<String> columns = new ArrayList<>(scaleColumns());
        columns.addAll(dilemmas.columns());
        List<AgentTable> tables = agentTables(List.copyOf(demographics), columns);
        try {
            for (AgentsCsv.Row r : rows) {
                AgentsCsv.Row withMoves = new AgentsCsv.Row(r.persona(), r.scores(), java.util.stream.DoubleStream.concat(
                        java.util.Arrays.stream(r.scaleScores()),
                        java.util.Arrays.stream(dilemmas.agentValues(r.persona().id()))).toArray());
                for (AgentTable table : tables) {
                    table.write(withMoves);
                }
            }
        } finally {
            for (AgentTable table : tables) {
                table.close();
            }
        }
    }

    /** Value-behaviour agreement, when references were given and the agents' values are scored; null otherwise. */
    private ValueOutcomeAgreement valueOutcomes(List<ValueScores> scores, Resampling resampling) {
        if (outcomes == null || scorer == null || outcomeMatches.targets().isEmpty()) {
            return null;
        }
        return OutcomeProfiles.of(outcomeMatches, scores.stream().map(s -> s.complete() ? s.centred() : null).toList(),
                outcomes.rows(), resampling);
    }

    /** backstory-caps: how often the modules agreed, and the coordinator calls the rest needed; null otherwise. */
    private CapsSummary caps(RunSummary.Header header) {
        if (capsAnswers == 0) {
            return null;
        }
        boolean coordinator = !"average".equals(header.capsIntegration());
        return new CapsSummary(capsAnswers, capsUnanimous, Decimals.round(capsUnanimous / (double) capsAnswers, 6),
                coordinator ? "coordinator" : "average", coordinator ? capsAnswers - capsUnanimous : 0);
    }

    public void writeManifest(RunManifest manifest) throws IOException {
        ResultsJson.write(dir.resolve(MANIFEST), manifest);
    }

    @Override
    public void close() throws IOException {
        for (ResponseTable table : responses) {
            table.close();
        }
        for (AgentTable table : agentsAsScored) {
            table.close();
        }
        dilemmas.close();
        if (modules != null) {
            modules.close();
        }
    }
}
