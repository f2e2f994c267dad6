package org.apache.parquet;

import java.util.Map;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Read options for parquet-java 1.18's reader without Hadoop: {@code ParquetReadOptions.Builder}'s constructor makes
 * a Hadoop codec factory even when another is given later, so the test reader builds the options as {@code build()}
 * does (its defaults, this codec factory) through the package's constructor. Tests only.
 */
public final class PlainReadOptions {

    private PlainReadOptions() {
    }

    public static ParquetReadOptions with(CompressionCodecFactory codecs) {
        return new ParquetReadOptions(false, true, true, true, true, false, true, false, false, FilterCompat.NOOP,
                ParquetMetadataConverter.NO_FILTER, codecs, HeapByteBufferAllocator.getInstance(), 8 << 20, Map.of(),
                null, null, new PlainParquetConfiguration());
    }
}
