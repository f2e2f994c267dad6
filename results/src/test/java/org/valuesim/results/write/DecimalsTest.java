package org.valuesim.results.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void fixedPointWithoutExponentOrTrailingZeros() {
        assertEquals("0.000001", Decimals.format(1e-6, 6));
        assertEquals("0", Decimals.format(4e-7, 6));
        assertEquals("0.000001", Decimals.format(5e-7, 6));
        assertEquals("-1.25", Decimals.format(-1.25, 6));
        assertEquals("3", Decimals.format(3.0000001, 6));
        assertEquals("12345.678901", Decimals.format(12345.6789012, 6));
        assertEquals("", Decimals.format(Double.NaN, 6));
        assertEquals("0.0011", Decimals.format(0.0011, 6));
        assertEquals("0.1", Decimals.format(0.1, 6));
        assertEquals("-7.000001", Decimals.format(-7.0000009, 6));
        assertEquals("0.000501", Decimals.append(new StringBuilder("p="), 5.01e-4, 6).substring(2));
        assertEquals(0.333333, Decimals.round(1.0 / 3, 6));
    }

    @Test
    void csvCellsAreQuotedOnlyWhenNeeded() {
        assertEquals("plain", Csv.cell("plain"));
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
    }
}
