package org.valuesim.results.parquet;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet's ZSTD codec through zstd-jni directly: parquet-java's own codec factory goes through Hadoop's codec
 * classes, which this project does not carry. A ZSTD page is one zstd frame, so any Parquet reader reads these pages.
 */
public final class ZstdCodec implements CompressionCodecFactory {

    /** zstd's fastest level: results are written once, and level 1 already shrinks them most of the way. */
    private static final int LEVEL = 1;

    private final BytesInputCompressor compressor = new BytesInputCompressor() {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            return BytesInput.from(Zstd.compress(bytes.toByteArray(), LEVEL));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.ZSTD;
        }

        @Override
        public void release() {
        }
    };

    private final BytesInputDecompressor decompressor = new BytesInputDecompressor() {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            byte[] out = Zstd.decompress(bytes.toByteArray(), uncompressedSize);
            return BytesInput.from(out);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(Zstd.decompress(in, uncompressedSize));
        }

        @Override
        public void release() {
        }
    };

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.ZSTD) {
            throw new IllegalArgumentException("only ZSTD is carried, not " + codec);
        }
        return compressor;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.ZSTD && codec != CompressionCodecName.UNCOMPRESSED) {
            throw new IllegalArgumentException("only ZSTD is carried, not " + codec);
        }
        return codec == CompressionCodecName.ZSTD ? decompressor : new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) {
                return bytes;
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
                ByteBuffer slice = input.slice();
                slice.limit(compressedSize);
                output.put(slice);
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public void release() {
    }
}
