package org.serspark.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Two-sided Wilcoxon signed-rank test of the hypothesis that per-fold differences are symmetric about zero,
 * reproducing scipy 1.17's default {@code wilcoxon(d)} ({@code zero_method='wilcox'}, {@code correction=False},
 * {@code method='auto'}).
 *
 * <h2>Statistic</h2>
 * Zero differences are dropped (Wilcoxon's own rule, scipy's {@code zero_method='wilcox'}), leaving n' non-zero
 * differences. Their absolute values are ranked 1..n', tied values sharing the mean of their ranks. W+ and W- are
 * the rank sums of the positive and negative differences (W+ + W- = n'(n'+1)/2); {@link #statistic()} is
 * min(W+, W-), as scipy reports for the two-sided test. Ties are exact floating-point equality of |d|, as in scipy:
 * differences of fold accuracies such as 40/60 - 38/60 and 37/60 - 35/60 may differ in the last bit and then do
 * not tie (scipy, given the same doubles, behaves the same).
 *
 * <h2>p-value</h2>
 * <ul>
 * <li>{@link Method#EXACT}: the exact distribution of W+ when each non-zero difference's sign is + or - with
 * probability 1/2 independently, given the observed (possibly tied, mid-)ranks; p = min(1, 2 min(P(W+ &lt;= w),
 * P(W+ &gt;= w))). Without ties this is the classical exact null distribution (scipy {@code method='exact'});
 * with ties it is the sign-flip permutation distribution scipy uses ({@code PermutationMethod}) for small samples,
 * not scipy's {@code method='exact'}, which would round the statistic instead. Zeros do not enter it.</li>
 * <li>{@link Method#ASYMPTOTIC}: normal approximation without continuity correction, z = (W+ - n'(n'+1)/4) / s
 * with s^2 = (n'(n'+1)(2n'+1) - sum(t^3 - t)/2) / 24 over tie groups of size t, p = 2 Phi(-|z|).</li>
 * <li>{@link Method#AUTO} picks as scipy does, where n counts all differences including zeros: asymptotic if
 * n &gt; 50; else exact if there are no ties and no zeros; else exact (scipy's permutation test, which enumerates
 * all 2^n sign flips for n &lt;= 13) if n &lt;= 13; else asymptotic.</li>
 * </ul>
 * If every difference is zero, the exact p-value is 1 and the asymptotic one NaN (again as scipy).
 *
 * <h2>Why not commons-math3's WilcoxonSignedRankTest</h2>
 * Its conventions (3.6.1) differ: zero differences stay in the ranking and in N instead of being dropped; the exact
 * p-value is 2 P(W &gt;= Wmax) over the integer ranks 1..N, which ignores mid-ranks of ties and is not capped at 1
 * (differences [1, 2, -3] give 10/8 = 1.25); exact only for N &lt;= 30; its normal approximation applies a
 * continuity correction and no tie correction. On data without zeros or ties, where p &lt; 1, its exact p-value
 * equals this class's (checked in the tests).
 *
 * @param n          number of differences, including zeros
 * @param zeroCount  differences equal to zero, dropped from the ranking
 * @param wPlus      rank sum of the positive differences
 * @param wMinus     rank sum of the negative differences
 * @param statistic  min(wPlus, wMinus)
 * @param hasTies    whether two non-zero |differences| are equal
 * @param method     how the p-value was computed, never {@link Method#AUTO}
 * @param z          standardised W+ for {@link Method#ASYMPTOTIC}, signed (positive when W+ exceeds its null mean,
 *                   i.e. positive differences dominate; scipy reports -|z|), NaN for {@link Method#EXACT}
 * @param pValue     two-sided p-value
 */
public record WilcoxonSignedRank(int n, int zeroCount, double wPlus, double wMinus, double statistic,
                                 boolean hasTies, Method method, double z, double pValue) {

    /** How to compute the p-value. */
    public enum Method {
        /** scipy's default choice, see the class comment. */
        AUTO,
        /** Exact sign-flip distribution given the observed ranks; cost grows as n'^3. */
        EXACT,
        /** Normal approximation with tie correction, no continuity correction. */
        ASYMPTOTIC
    }

    /** Above this many differences scipy's {@code method='auto'} always uses the normal approximation. */
    public static final int AUTO_EXACT_MAX_N = 50;
    /**
     * With ties or zeros, scipy's {@code method='auto'} still enumerates every sign flip while 2^n stays below its
     * default 9999 permutation resamples, i.e. up to this n.
     */
    public static final int AUTO_EXACT_WITH_TIES_MAX_N = 13;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    /** Test with {@link Method#AUTO}. */
    public static WilcoxonSignedRank of(double[] differences) {
        return of(differences, Method.AUTO);
    }

    /**
     * @param differences per-fold differences, e.g. model A's accuracy minus model B's
     * @throws IllegalArgumentException if there are no differences or one is not finite
     */
    public static WilcoxonSignedRank of(double[] differences, Method method) {
        if (differences.length == 0) {
            throw new IllegalArgumentException("no differences");
        }
        int n = differences.length;
        double[] nonZero = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            double d = differences[i];
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("difference " + i + " is " + d);
            }
            if (d != 0) {
                nonZero[m++] = d;
            }
        }
        nonZero = Arrays.copyOf(nonZero, m);
        int zeroCount = n - m;

        // doubled mid-ranks are integers, which keeps the exact distribution's support integral
        int[] doubledRanks = new int[m];
        long tieCorrection = doubledMidRanks(nonZero, doubledRanks);
        boolean hasTies = tieCorrection > 0;
        long doubledWPlus = 0;
        for (int i = 0; i < m; i++) {
            if (nonZero[i] > 0) {
                doubledWPlus += doubledRanks[i];
            }
        }
        double wPlus = doubledWPlus / 2.0;
        double wMinus = (double) m * (m + 1) / 2 - wPlus;

        Method used = method == Method.AUTO ? autoMethod(n, zeroCount, hasTies) : method;
        double z = Double.NaN;
        double p;
        if (used == Method.EXACT) {
            p = exactPValue(doubledRanks, doubledWPlus);
        } else {
            double mean = (double) m * (m + 1) / 4;
            double variance = ((double) m * (m + 1) * (2.0 * m + 1) - tieCorrection / 2.0) / 24;
            z = (wPlus - mean) / Math.sqrt(variance);
            p = 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
        }
        return new WilcoxonSignedRank(n, zeroCount, wPlus, wMinus, Math.min(wPlus, wMinus), hasTies, used, z, p);
    }

    /** Components for JSON; NaN (z of an exact test) as null. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("n", n);
        map.put("zero_count", zeroCount);
        map.put("w_plus", wPlus);
        map.put("w_minus", wMinus);
        map.put("statistic", statistic);
        map.put("has_ties", hasTies);
        map.put("method", method.name().toLowerCase(java.util.Locale.ROOT));
        map.put("z", JsonValues.finiteOrNull(z));
        map.put("p_value", JsonValues.finiteOrNull(pValue));
        return map;
    }

    private static Method autoMethod(int n, int zeroCount, boolean hasTies) {
        if (n > AUTO_EXACT_MAX_N) {
            return Method.ASYMPTOTIC;
        }
        if (!hasTies && zeroCount == 0) {
            return Method.EXACT;
        }
        return n <= AUTO_EXACT_WITH_TIES_MAX_N ? Method.EXACT : Method.ASYMPTOTIC;
    }

    /**
     * Fills {@code doubledRanks} with twice the mid-rank of each |value| and returns the tie term sum(t^3 - t) over
     * groups of t equal |values| (0 without ties).
     */
    private static long doubledMidRanks(double[] values, int[] doubledRanks) {
        int m = values.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(values[a]), Math.abs(values[b])));
        long tieTerm = 0;
        int start = 0;
        while (start < m) {
            int end = start + 1;
            while (end < m && Math.abs(values[order[end]]) == Math.abs(values[order[start]])) {
                end++;
            }
            // positions start..end-1 hold ranks start+1..end, whose mean doubled is start + end + 1
            int doubledMidRank = start + end + 1;
            for (int i = start; i < end; i++) {
                doubledRanks[order[i]] = doubledMidRank;
            }
            long t = end - start;
            tieTerm += t * t * t - t;
            start = end;
        }
        return tieTerm;
    }

    /**
     * Two-sided p from the exact distribution of 2 W+ under independent fair signs, built by convolving one
     * two-point distribution {0, 2r} per rank. Probabilities are multiples of 2^-n', held exactly in a double while
     * the counts fit its 53-bit mantissa.
     */
    private static double exactPValue(int[] doubledRanks, long observed) {
        int maxSum = 0;
        for (int r : doubledRanks) {
            maxSum += r;
        }
        double[] pmf = new double[maxSum + 1];
        pmf[0] = 1;
        int reach = 0;
        for (int r : doubledRanks) {
            reach += r;
            for (int s = reach; s >= 0; s--) {
                pmf[s] = 0.5 * (pmf[s] + (s >= r ? pmf[s - r] : 0.0));
            }
        }
        double lower = 0;
        double upper = 0;
        for (int s = 0; s <= maxSum; s++) {
            if (s <= observed) {
                lower += pmf[s];
            }
            if (s >= observed) {
                upper += pmf[s];
            }
        }
        return Math.min(1.0, 2 * Math.min(lower, upper));
    }
}
