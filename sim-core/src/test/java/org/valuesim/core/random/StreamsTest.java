package org.valuesim.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreamsTest {

    /** The stream-free draw must be the stream's draw, bit for bit, on whichever JDK runs it. */
    @Test
    void aKeyedDrawWithoutTheStreamIsTheStreamsDraw() {
        SplittableRandom keys = new SplittableRandom(17);
        String[] names = {"", "pg/1", "public-goods/10", "dictator-2/999", "x"};
        for (int i = 0; i < 200_000; i++) {
            long key = i < 4 ? new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE}[i] : keys.nextLong();
            String name = names[i % names.length];
            double expected = Streams.gaussian(Streams.of(key, name));
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(Streams.gaussian(key, name)),
                    "key " + key + ", name " + name);
        }
        assertEquals(Double.doubleToRawLongBits(Streams.gaussian(Streams.of(3, "value-rule", 5, "pg/2"))),
                Double.doubleToRawLongBits(Streams.gaussian(Streams.key(3, "value-rule", 5), "pg/2")));
    }
}
