package org.valuesim.results.write;

/** Fixed-point decimal text for results files: the same digits on every JDK, no exponent. */
public final class Decimals {

    private Decimals() {
    }

    /** x rounded half-up to {@code places} decimals (at most 9), trailing zeros dropped; NaN as empty. */
    public static String format(double x, int places) {
        return append(new StringBuilder(12), x, places).toString();
    }

    /**
     * Appends {@link #format}'s text of x without building a string of its own: the results files write millions of
     * probabilities.
     */
    public static StringBuilder append(StringBuilder s, double x, int places) {
        if (Double.isNaN(x)) {
            return s;
        }
        if (Double.isInfinite(x)) {
            return s.append(x > 0 ? "Infinity" : "-Infinity");
        }
        long scale = 1;
        for (int i = 0; i < places; i++) {
            scale *= 10;
        }
        long scaled = Math.round(Math.abs(x) * scale);
        if (scaled == 0) {
            return s.append('0');
        }
        if (x < 0) {
            s.append('-');
        }
        s.append(scaled / scale);
        long fraction = scaled % scale;
        if (fraction != 0) {
            s.append('.');
            for (long digit = scale / 10; fraction < digit; digit /= 10) {
                s.append('0');
            }
            while (fraction % 10 == 0) {
                fraction /= 10;
            }
            s.append(fraction);
        }
        return s;
    }

    /** x rounded to {@code places} decimals as a number, for JSON. */
    public static double round(double x, int places) {
        if (!Double.isFinite(x)) {
            return x;
        }
        return Double.parseDouble(format(x, places));
    }

    /**
     * The number {@link #format} writes, without writing it: the scaled whole number divided back, which IEEE
     * division rounds to the nearest double of the decimal, as parsing the text would (NaN and infinities as they are).
     */
    public static double rounded(double x, int places) {
        if (!Double.isFinite(x)) {
            return x;
        }
        long scale = 1;
        for (int i = 0; i < places; i++) {
            scale *= 10;
        }
        double magnitude = Math.round(Math.abs(x) * scale) / (double) scale;
        return x < 0 && magnitude != 0 ? -magnitude : magnitude;
    }

    /** x rounded half-up to {@code digits} significant digits, for numbers that can be tiny (exact p-values). */
    public static double significant(double x, int digits) {
        if (!Double.isFinite(x)) {
            return x;
        }
        return new java.math.BigDecimal(x).round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_UP))
                .doubleValue();
    }

    /**
     * x for people to read: six decimals, or six significant digits below 0.001 so that a tiny p-value (an exact
     * permutation p of 5.5e-6) still shows; NaN as empty.
     */
    public static String readable(double x) {
        if (x == 0 || !Double.isFinite(x) || Math.abs(x) >= 0.001) {
            return format(x, 6);
        }
        return java.math.BigDecimal.valueOf(significant(x, 6)).stripTrailingZeros().toPlainString();
    }
}
