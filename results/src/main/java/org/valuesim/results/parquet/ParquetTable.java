package org.valuesim.results.parquet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A Parquet file of flat rows written one row at a time, in row groups of about {@link #ROW_GROUP_BYTES}: parquet-java's
 * file writer and column stores, put together as its {@code ParquetWriter} does, without that builder (which reaches
 * Hadoop's classes at run time). Every column is optional (a cell may be null), pages are ZSTD-compressed and
 * dictionary-encoded where that pays (parquet-java decides per column).
 */
public final class ParquetTable implements AutoCloseable {

    /** Rows are buffered and compressed in memory up to about this size, then written as one row group. */
    static final long ROW_GROUP_BYTES = 64L << 20;
    /** How often (in rows) the buffered size is checked against the row group size. */
    private static final int CHECK_EVERY = 4096;

    /** A column's type. */
    public enum Kind { INT32, INT64, DOUBLE, BOOLEAN, STRING }

    /** A column: its name and type. */
    public record Column(String name, Kind kind) {
    }

    private final MessageType schema;
    private final List<ColumnDescriptor> descriptors;
    private final ParquetProperties properties;
    private final ZstdCodec codec = new ZstdCodec();
    private final ParquetFileWriter file;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore columns;
    private ColumnWriter[] writers;
    private long rowsInGroup;

    /** Creates the file (replacing one a resumed run left) with these columns. */
    public ParquetTable(Path path, List<Column> columns) throws IOException {
        List<Type> fields = new ArrayList<>();
        for (Column c : columns) {
            fields.add(switch (c.kind()) {
                case INT32 -> Types.optional(PrimitiveTypeName.INT32).named(c.name());
                case INT64 -> Types.optional(PrimitiveTypeName.INT64).named(c.name());
                case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(c.name());
                case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
                case STRING -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(c.name());
            });
        }
        this.schema = new MessageType("row", fields);
        this.descriptors = schema.getColumns();
        this.properties = ParquetProperties.builder().build();
        this.file = new ParquetFileWriter(new LocalOutputFile(path), schema, ParquetFileWriter.Mode.OVERWRITE,
                ROW_GROUP_BYTES, 0, ParquetProperties.DEFAULT_COLUMN_INDEX_TRUNCATE_LENGTH,
                ParquetProperties.DEFAULT_STATISTICS_TRUNCATE_LENGTH, ParquetProperties.DEFAULT_PAGE_WRITE_CHECKSUM_ENABLED);
        file.start();
        newRowGroup();
    }

    private void newRowGroup() {
        pages = new ColumnChunkPageWriteStore(codec.getCompressor(org.apache.parquet.hadoop.metadata.CompressionCodecName.ZSTD),
                schema, HeapByteBufferAllocator.getInstance(), ParquetProperties.DEFAULT_COLUMN_INDEX_TRUNCATE_LENGTH);
        columns = properties.newColumnWriteStore(schema, pages, pages);
        writers = descriptors.stream().map(columns::getColumnWriter).toArray(ColumnWriter[]::new);
        rowsInGroup = 0;
    }

    public void put(int column, int value) {
        writers[column].write(value, 0, 1);
    }

    public void put(int column, long value) {
        writers[column].write(value, 0, 1);
    }

    public void put(int column, double value) {
        writers[column].write(value, 0, 1);
    }

    public void put(int column, boolean value) {
        writers[column].write(value, 0, 1);
    }

    /** A text cell; null or empty text is a null cell, as an empty CSV cell. */
    public void put(int column, String value) {
        if (value == null || value.isEmpty()) {
            putNull(column);
        } else {
            writers[column].write(Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8)), 0, 1);
        }
    }

    public void putNull(int column) {
        writers[column].writeNull(0, 0);
    }

    /** Ends a row: every column must have had one put. */
    public void endRow() throws IOException {
        columns.endRecord();
        rowsInGroup++;
        if (rowsInGroup % CHECK_EVERY == 0 && columns.getBufferedSize() >= ROW_GROUP_BYTES) {
            flushRowGroup();
            newRowGroup();
        }
    }

    private void flushRowGroup() throws IOException {
        columns.flush();
        file.startBlock(rowsInGroup);
        pages.flushToFileWriter(file);
        file.endBlock();
        columns.close();
        pages.close();
    }

    @Override
    public void close() throws IOException {
        if (columns == null) {
            return;
        }
        if (rowsInGroup > 0) {
            flushRowGroup();
        } else {
            columns.close();
            pages.close();
        }
        columns = null;
        file.end(Map.of("created_by_tool", "valuesim"));
    }
}
