package org.valuesim.results.dilemma;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import org.valuesim.core.dilemma.Move;
import org.valuesim.core.dilemma.RoundResult;
import org.valuesim.results.write.Csv;
import org.valuesim.results.write.Decimals;

/** actions.csv: one row per agent and dilemma round, streamed as rounds are paid. */
final class ActionsCsv implements AutoCloseable {

    private static final int DECIMALS = 6;

    private final BufferedWriter out;

    ActionsCsv(Writer writer) throws IOException {
        this.out = new BufferedWriter(writer, 1 << 16);
        out.write("agent_id,dilemma,round,action,payoff,cooperation," + Csv.OUTCOME_HEADER + "\n");
    }

    void write(RoundResult round) throws IOException {
        StringBuilder row = new StringBuilder(160);
        for (Move m : round.moves()) {
            row.setLength(0);
            row.append(m.agentId()).append(',').append(Csv.cell(round.dilemma())).append(',').append(round.round())
                    .append(',').append(Csv.cell(m.action()))
                    .append(',').append(Decimals.format(m.payoff(), DECIMALS))
                    .append(',').append(Double.isNaN(m.cooperation()) ? "" : Decimals.format(m.cooperation(), DECIMALS));
            Csv.appendOutcome(row, m.answer()).append('\n');
            out.write(row.toString());
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
