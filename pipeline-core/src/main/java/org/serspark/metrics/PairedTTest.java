package org.serspark.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Paired (one-sample) Student t-test of the hypothesis that the mean per-fold difference is zero, with a two-sided
 * confidence interval for that mean, the same numbers as scipy's {@code ttest_rel(a, b)} and its
 * {@code confidence_interval(confidence_level)}.
 * <p>
 * With sd the sample standard deviation (n-1) of the n differences: SE = sd / sqrt(n), t = mean / SE with n-1
 * degrees of freedom, two-sided p = 2 P(T &lt;= -|t|), interval = mean &plusmn; t<sub>(1+level)/2, n-1</sub> SE.
 * Degenerate cases follow scipy: fewer than two differences leave t, p, sd and the interval NaN; identical
 * differences (SE = 0) give t = &plusmn;infinity and p = 0 if their mean is non-zero, t = p = NaN if it is zero, and
 * the interval [mean, mean].
 * <p>
 * commons-math3's {@code TTest.pairedTTest} gives the same p-value (the tests check this) but neither the interval
 * nor the degenerate cases, so the t distribution is used directly.
 *
 * @param n               number of differences (folds)
 * @param meanDifference  mean of the differences
 * @param stdDifference   sample standard deviation of the differences (n-1 denominator)
 * @param standardError   stdDifference / sqrt(n)
 * @param t               t statistic
 * @param degreesOfFreedom n - 1
 * @param pValue          two-sided p-value
 * @param confidenceLevel level of the interval, e.g. 0.95
 * @param ciLower         lower end of the confidence interval of the mean difference
 * @param ciUpper         upper end
 */
public record PairedTTest(int n, double meanDifference, double stdDifference, double standardError, double t,
                          int degreesOfFreedom, double pValue, double confidenceLevel, double ciLower,
                          double ciUpper) {

    /** Level of {@link #of(double[])}'s interval. */
    public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;

    /**
     * commons-math3 finds t quantiles by root finding to 1e-9 by default; a tighter tolerance makes the interval agree
     * with scipy to near double precision at no noticeable cost.
     */
    private static final double QUANTILE_ACCURACY = 1e-14;

    /** Test with a {@value #DEFAULT_CONFIDENCE_LEVEL} confidence interval. */
    public static PairedTTest of(double[] differences) {
        return of(differences, DEFAULT_CONFIDENCE_LEVEL);
    }

    /**
     * @param differences     per-fold differences, e.g. model A's accuracy minus model B's
     * @param confidenceLevel in (0, 1)
     * @throws IllegalArgumentException if there are no differences, one is not finite, or the level is outside (0, 1)
     */
    public static PairedTTest of(double[] differences, double confidenceLevel) {
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + confidenceLevel);
        }
        FoldSummary summary = FoldSummary.of(differences);
        int n = summary.n();
        double mean = summary.mean();
        int df = n - 1;
        if (n < 2) {
            return new PairedTTest(n, mean, Double.NaN, Double.NaN, Double.NaN, df, Double.NaN, confidenceLevel,
                    Double.NaN, Double.NaN);
        }
        double sd = summary.std();
        double se = sd / Math.sqrt(n);
        if (se == 0) {
            double t = mean == 0 ? Double.NaN : Math.copySign(Double.POSITIVE_INFINITY, mean);
            double p = mean == 0 ? Double.NaN : 0.0;
            return new PairedTTest(n, mean, sd, se, t, df, p, confidenceLevel, mean, mean);
        }
        double t = mean / se;
        TDistribution dist = new TDistribution(null, df, QUANTILE_ACCURACY);
        // the lower tail of -|t| keeps precision for tiny p, where 1 - cdf(|t|) would cancel to 0
        double p = Math.min(1.0, 2.0 * dist.cumulativeProbability(-Math.abs(t)));
        double halfWidth = dist.inverseCumulativeProbability(0.5 + confidenceLevel / 2) * se;
        return new PairedTTest(n, mean, sd, se, t, df, p, confidenceLevel, mean - halfWidth, mean + halfWidth);
    }

    /** All components, NaN and infinities as null, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n);
        m.put("mean_difference", JsonValues.finiteOrNull(meanDifference));
        m.put("std_difference", JsonValues.finiteOrNull(stdDifference));
        m.put("standard_error", JsonValues.finiteOrNull(standardError));
        m.put("t", JsonValues.finiteOrNull(t));
        m.put("df", degreesOfFreedom);
        m.put("p_value", JsonValues.finiteOrNull(pValue));
        m.put("confidence_level", confidenceLevel);
        m.put("ci_lower", JsonValues.finiteOrNull(ciLower));
        m.put("ci_upper", JsonValues.finiteOrNull(ciUpper));
        return m;
    }
}
