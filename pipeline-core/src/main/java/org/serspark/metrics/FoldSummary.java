package org.serspark.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mean, sample standard deviation, minimum and maximum of one metric over cross-validation folds. The standard
 * deviation uses the n-1 denominator (numpy {@code std(ddof=1)}, pandas' default), the usual choice for reporting
 * fold-to-fold spread; with a single fold it is NaN, as in numpy, rather than a misleading 0.
 */
public final class FoldSummary {
    private final double[] values;
    private final double mean;
    private final double std;
    private final double min;
    private final double max;

    private FoldSummary(double[] values) {
        this.values = values;
        int n = values.length;
        double sum = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        this.mean = sum / n;
        // two-pass: subtracting the mean first avoids the cancellation of sum(x^2) - n*mean^2 for close values
        double squares = 0;
        for (double v : values) {
            double d = v - mean;
            squares += d * d;
        }
        this.std = n > 1 ? Math.sqrt(squares / (n - 1)) : Double.NaN;
        this.min = lo;
        this.max = hi;
    }

    /**
     * @param perFoldValues one value per fold (copied)
     * @throws IllegalArgumentException if there are no values or one is not finite
     */
    public static FoldSummary of(double... perFoldValues) {
        if (perFoldValues.length == 0) {
            throw new IllegalArgumentException("no fold values");
        }
        for (int i = 0; i < perFoldValues.length; i++) {
            if (!Double.isFinite(perFoldValues[i])) {
                throw new IllegalArgumentException("fold value " + i + " is " + perFoldValues[i]);
            }
        }
        return new FoldSummary(perFoldValues.clone());
    }

    /** Number of folds. */
    public int n() {
        return values.length;
    }

    /** Copy of the per-fold values, in the order given. */
    public double[] values() {
        return values.clone();
    }

    public double mean() {
        return mean;
    }

    /** Sample standard deviation (n-1 denominator); NaN for a single fold. */
    public double std() {
        return std;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public MeanStd meanStd() {
        return new MeanStd(mean, std);
    }

    /** {@code n}, {@code mean}, {@code std}, {@code min}, {@code max}, {@code values}; NaN as null, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", values.length);
        m.put("mean", mean);
        m.put("std", JsonValues.finiteOrNull(std));
        m.put("min", min);
        m.put("max", max);
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        m.put("values", list);
        return m;
    }

    @Override
    public String toString() {
        return "FoldSummary[n=" + values.length + ", " + meanStd().format() + ", min=" + min + ", max=" + max + "]";
    }
}
