package org.valuesim.results.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Provenance;
import org.valuesim.results.parquet.ParquetTable.Column;
import org.valuesim.results.parquet.ParquetTable.Kind;
import org.valuesim.results.write.Decimals;
import org.valuesim.results.write.ResponseTable;
import org.valuesim.results.write.ResponsesCsv;

/**
 * responses.parquet: responses.csv's columns and cells, typed: agent_id, attempts INT32; latency_ms, tokens_in,
 * tokens_out INT64; p_k DOUBLE (the CSV's six decimals); cache_hit BOOLEAN; the rest text. An empty CSV cell is null.
 */
public final class ResponsesParquet implements ResponseTable {

    private static final int PROBABILITY_DECIMALS = 6;

    private final ParquetTable table;
    private final int maxOptions;

    public ResponsesParquet(Path file, int maxOptions) throws IOException {
        List<Column> columns = new ArrayList<>(List.of(new Column("agent_id", Kind.INT32),
                new Column("instrument", Kind.STRING), new Column("item_id", Kind.STRING),
                new Column("answer", Kind.STRING), new Column("answer_label", Kind.STRING)));
        for (int k = 1; k <= maxOptions; k++) {
            columns.add(new Column("p_" + k, Kind.DOUBLE));
        }
        columns.addAll(List.of(new Column("status", Kind.STRING), new Column("respondent", Kind.STRING),
                new Column("model", Kind.STRING), new Column("prompt_hash", Kind.STRING),
                new Column("cache_hit", Kind.BOOLEAN), new Column("attempts", Kind.INT32),
                new Column("latency_ms", Kind.INT64), new Column("tokens_in", Kind.INT64),
                new Column("tokens_out", Kind.INT64), new Column("failure", Kind.STRING),
                new Column("raw_text", Kind.STRING)));
        this.table = new ParquetTable(file, columns);
        this.maxOptions = maxOptions;
    }

    @Override
    public void write(Answer answer, ResponseScale scale) throws IOException {
        int c = 0;
        table.put(c++, answer.agentId());
        table.put(c++, answer.instrumentId());
        table.put(c++, answer.itemId());
        if (answer.isOk() && answer.amounts() != null) {
            table.put(c++, ResponsesCsv.amounts(answer));
            table.put(c++, ResponsesCsv.amountLabels(answer, scale));
        } else {
            ResponseOption option = answer.isOk() ? scale.option(answer.choice()) : null;
            table.put(c++, option == null ? null : Integer.toString(answer.choice()));
            table.put(c++, option == null ? null : option.label());
        }
        double[] p = ResponseScale.NUMERIC.equals(scale.kind()) ? null : answer.distribution();
        for (int k = 0; k < maxOptions; k++, c++) {
            if (p != null && k < p.length && !Double.isNaN(p[k])) {
                table.put(c, Decimals.rounded(p[k], PROBABILITY_DECIMALS));
            } else {
                table.putNull(c);
            }
        }
        Provenance from = answer.provenance();
        table.put(c++, answer.isOk() ? "ok" : "failed");
        table.put(c++, from.respondent());
        table.put(c++, from.model());
        table.put(c++, from.promptHash());
        table.put(c++, from.cacheHit());
        table.put(c++, from.attempts());
        table.put(c++, from.latencyMs());
        table.put(c++, from.tokensIn());
        table.put(c++, from.tokensOut());
        table.put(c++, answer.failure());
        table.put(c, answer.rawText());
        table.endRow();
    }

    @Override
    public void close() throws IOException {
        table.close();
    }
}
