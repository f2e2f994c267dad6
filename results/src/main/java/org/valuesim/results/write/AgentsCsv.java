package org.valuesim.results.write;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.results.scoring.ValueScores;

/**
 * agents.csv: one row per agent with its persona attributes, latent values and value scores, written row by row as
 * agents are scored (or all at the end, when dilemma columns follow the survey).
 */
public final class AgentsCsv implements AgentTable {

    private static final int DECIMALS = 6;

    private final BufferedWriter out;
    private final List<String> demographicColumns;
    private final StringBuilder line = new StringBuilder(512);

    /**
     * One agent: its persona, its value scores when the run had a value instrument (else null), and its
     * scale scores on the run's other instruments, in {@code scaleColumns} order.
     */
    public record Row(Persona persona, ValueScores scores, double[] scaleScores) {
    }

    /** Writes the header. */
    public AgentsCsv(Writer writer, List<String> demographicColumns, List<String> scaleColumns) throws IOException {
        this.out = new BufferedWriter(writer, 1 << 16);
        this.demographicColumns = List.copyOf(demographicColumns);
        StringBuilder header = new StringBuilder("agent_id,dominant_value");
        for (String column : demographicColumns) {
            header.append(',').append(Csv.cell(column));
        }
        for (String column : valueColumns()) {
            header.append(',').append(column);
        }
        for (String column : scaleColumns) {
            header.append(',').append(Csv.cell(column));
        }
        out.write(header.append('\n').toString());
    }

    @Override
    public void write(Row row) throws IOException {
        Persona p = row.persona();
        line.setLength(0);
        line.append(p.id()).append(',').append(p.dominant() == null ? "" : p.dominant().id());
        for (String column : demographicColumns) {
            line.append(',').append(Csv.cell(p.demographics().getOrDefault(column, "")));
        }
        appendAll(line, p.latent() == null ? null : p.latent().scores());
        appendAll(line, row.scores() == null ? null : row.scores().raw());
        appendAll(line, row.scores() == null ? null : row.scores().centred());
        for (double x : row.scaleScores()) {
            line.append(',').append(Decimals.format(x, DECIMALS));
        }
        out.append(line.append('\n'));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** latent_, score_ and centred_ of each value, in circular order. */
    public static List<String> valueColumns() {
        List<String> out = new java.util.ArrayList<>();
        for (String prefix : List.of("latent_", "score_", "centred_")) {
            for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
                out.add(prefix + v.id().replace('-', '_').toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static void appendAll(StringBuilder line, double[] xs) {
        for (int v = 0; v < SchwartzValue.count(); v++) {
            line.append(',');
            if (xs != null) {
                line.append(Decimals.format(xs[v], DECIMALS));
            }
        }
    }
}
