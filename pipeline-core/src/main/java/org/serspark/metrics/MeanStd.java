package org.serspark.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A mean with its spread, as reported for cross-validation results, e.g. {@code "0.623 +- 0.012"}.
 *
 * @param mean mean over folds
 * @param std  sample standard deviation over folds (n-1 denominator); NaN when undefined
 */
public record MeanStd(double mean, double std) {
    /** Decimals of {@link #format()}: three suit accuracies reported as fractions. */
    public static final int DEFAULT_DECIMALS = 3;

    /** {@code "mean +- std"} with {@value #DEFAULT_DECIMALS} decimals, e.g. {@code "0.623 +- 0.012"}. */
    public String format() {
        return format(DEFAULT_DECIMALS);
    }

    /**
     * {@code "mean +- std"} with the given number of decimals. Rounds the exact binary value half-to-even, as Python's
     * {@code f"{x:.3f}"} does, so reports written by Java and Python agree digit for digit; NaN prints as
     * {@code "nan"} like Python.
     */
    public String format(int decimals) {
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must be >= 0, got " + decimals);
        }
        return formatNumber(mean, decimals) + " +- " + formatNumber(std, decimals);
    }

    /** Same as {@link #format()}. */
    @Override
    public String toString() {
        return format();
    }

    private static String formatNumber(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        // Python keeps the sign of a negative value that rounds to zero, and of -0.0 ("-0.000"); BigDecimal drops it
        boolean signBit = Double.doubleToRawLongBits(value) < 0;
        if (signBit && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }
}
