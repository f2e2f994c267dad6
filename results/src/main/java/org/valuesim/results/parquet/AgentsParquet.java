package org.valuesim.results.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.results.parquet.ParquetTable.Column;
import org.valuesim.results.parquet.ParquetTable.Kind;
import org.valuesim.results.write.AgentTable;
import org.valuesim.results.write.AgentsCsv;
import org.valuesim.results.write.Decimals;

/**
 * agents.parquet: agents.csv's columns and cells, typed: agent_id INT32, the demographic attributes and the dominant
 * value text, every score DOUBLE (the CSV's six decimals). An empty CSV cell (a score that is NaN) is null.
 */
public final class AgentsParquet implements AgentTable {

    private static final int DECIMALS = 6;

    private final ParquetTable table;
    private final List<String> demographicColumns;

    public AgentsParquet(Path file, List<String> demographicColumns, List<String> scaleColumns) throws IOException {
        List<Column> columns = new ArrayList<>(List.of(new Column("agent_id", Kind.INT32),
                new Column("dominant_value", Kind.STRING)));
        demographicColumns.forEach(d -> columns.add(new Column(d, Kind.STRING)));
        AgentsCsv.valueColumns().forEach(v -> columns.add(new Column(v, Kind.DOUBLE)));
        scaleColumns.forEach(s -> columns.add(new Column(s, Kind.DOUBLE)));
        this.table = new ParquetTable(file, columns);
        this.demographicColumns = List.copyOf(demographicColumns);
    }

    @Override
    public void write(AgentsCsv.Row row) throws IOException {
        Persona p = row.persona();
        int c = 0;
        table.put(c++, p.id());
        table.put(c++, p.dominant() == null ? null : p.dominant().id());
        for (String column : demographicColumns) {
            table.put(c++, p.demographics().get(column));
        }
        c = putAll(c, p.latent() == null ? null : p.latent().scores(), SchwartzValue.count());
        c = putAll(c, row.scores() == null ? null : row.scores().raw(), SchwartzValue.count());
        c = putAll(c, row.scores() == null ? null : row.scores().centred(), SchwartzValue.count());
        putAll(c, row.scaleScores(), row.scaleScores().length);
        table.endRow();
    }

    private int putAll(int c, double[] xs, int count) {
        for (int i = 0; i < count; i++, c++) {
            if (xs == null || Double.isNaN(xs[i])) {
                table.putNull(c);
            } else {
                table.put(c, Decimals.rounded(xs[i], DECIMALS));
            }
        }
        return c;
    }

    @Override
    public void close() throws IOException {
        table.close();
    }
}
