package org.valuesim.results.write;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.respond.Answer;

/**
 * responses.csv: one row per agent and item, streamed as agents finish. An allocation's answer lists the units per
 * option separated by ';' (its label says which option got what) and its p_k are the shares; numeric items have
 * no p_k columns filled.
 */
public final class ResponsesCsv implements ResponseTable {

    private static final int PROBABILITY_DECIMALS = 6;

    /** Rows are gathered here and written in blocks of about this many characters. */
    private static final int BLOCK = 1 << 16;

    private final BufferedWriter out;
    private final int maxOptions;
    private final StringBuilder row = new StringBuilder(BLOCK + 1024);

    public ResponsesCsv(Writer writer, int maxOptions) throws IOException {
        this.out = new BufferedWriter(writer, 1 << 16);
        this.maxOptions = maxOptions;
        StringBuilder header = new StringBuilder("agent_id,instrument,item_id,answer,answer_label");
        for (int k = 1; k <= maxOptions; k++) {
            header.append(",p_").append(k);
        }
        header.append(',').append(Csv.OUTCOME_HEADER).append('\n');
        out.write(header.toString());
    }

    @Override
    public void write(Answer answer, ResponseScale scale) throws IOException {
        row.append(answer.agentId()).append(',').append(Csv.cell(answer.instrumentId())).append(',')
                .append(Csv.cell(answer.itemId())).append(',');
        if (answer.isOk() && answer.amounts() != null) {
            row.append(amounts(answer)).append(',').append(Csv.cell(amountLabels(answer, scale)));
        } else {
            ResponseOption option = answer.isOk() ? scale.option(answer.choice()) : null;
            if (option != null) {
                row.append(answer.choice());
            }
            row.append(',').append(option == null ? "" : Csv.cell(option.label()));
        }
        double[] p = ResponseScale.NUMERIC.equals(scale.kind()) ? null : answer.distribution();
        for (int k = 0; k < maxOptions; k++) {
            row.append(',');
            if (p != null && k < p.length) {
                Decimals.append(row, p[k], PROBABILITY_DECIMALS);
            }
        }
        Csv.appendOutcome(row, answer).append('\n');
        if (row.length() >= BLOCK) {
            flushRows();
        }
    }

    /** An allocation's answer: the units per option, separated by ';'. */
    public static String amounts(Answer answer) {
        StringBuilder amounts = new StringBuilder();
        for (int k = 0; k < answer.amounts().length; k++) {
            amounts.append(k == 0 ? "" : ";").append(answer.amounts()[k]);
        }
        return amounts.toString();
    }

    /** An allocation's label: which option got how many units. */
    public static String amountLabels(Answer answer, ResponseScale scale) {
        StringBuilder labels = new StringBuilder();
        for (int k = 0; k < answer.amounts().length; k++) {
            labels.append(k == 0 ? "" : "; ").append(scale.options().get(k).label()).append('=').append(answer.amounts()[k]);
        }
        return labels.toString();
    }

    private void flushRows() throws IOException {
        out.append(row);
        row.setLength(0);
    }

    @Override
    public void close() throws IOException {
        if (row.length() > 0) {
            flushRows();
        }
        out.close();
    }
}
