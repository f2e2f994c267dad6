package org.valuesim.scenarios.cli;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.PlainReadOptions;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.valuesim.results.write.Csv;
import org.valuesim.results.write.Decimals;
import org.valuesim.results.parquet.ZstdCodec;

/**
 * Reads a Parquet file back with parquet-java's own reader (no Hadoop on the class path, as a user's reader would not
 * need it either) and renders each row as the
 * CSV line the same cells make: null as an empty cell, doubles with six decimals, text quoted as CSV quotes it.
 */
final class ParquetRows {

    private ParquetRows() {
    }

    /** The header line, then one line per row. */
    public static List<String> asCsvLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        ParquetReadOptions options = PlainReadOptions.with(new ZstdCodec());
        try (ParquetFileReader reader = open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            lines.add(String.join(",", schema.getFields().stream().map(Type::getName).toList()));
            PageReadStore group;
            while ((group = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(group, new GroupRecordConverter(schema));
                for (long r = 0; r < group.getRowCount(); r++) {
                    lines.add(line(records.read(), schema));
                }
            }
        }
        return lines;
    }

    /**
     * ParquetFileReader.open(InputFile, ParquetReadOptions), looked up by its exact type: javac cannot choose among
     * open's overloads, nor reflection list them, without Hadoop's Configuration class, which this project does not
     * carry (the method itself never touches it).
     */
    private static ParquetFileReader open(InputFile file, ParquetReadOptions options) throws IOException {
        try {
            return (ParquetFileReader) MethodHandles.publicLookup().findStatic(ParquetFileReader.class, "open",
                    MethodType.methodType(ParquetFileReader.class, InputFile.class, ParquetReadOptions.class))
                    .invoke(file, options);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }

    private static String line(Group row, MessageType schema) {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < schema.getFieldCount(); c++) {
            if (c > 0) {
                out.append(',');
            }
            if (row.getFieldRepetitionCount(c) == 0) {
                continue;
            }
            PrimitiveTypeName type = schema.getType(c).asPrimitiveType().getPrimitiveTypeName();
            out.append(switch (type) {
                case INT32 -> Integer.toString(row.getInteger(c, 0));
                case INT64 -> Long.toString(row.getLong(c, 0));
                case DOUBLE -> Decimals.format(row.getDouble(c, 0), 6);
                case BOOLEAN -> Boolean.toString(row.getBoolean(c, 0));
                default -> Csv.cell(row.getString(c, 0));
            });
        }
        return out.toString();
    }
}
