package org.serspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.serspark.metrics.WilcoxonSignedRank.Method;

class WilcoxonSignedRankTest {

    /*
     * n = 6, all positive, no ties: W+ = 21, W- = 0. Under H0 each of the 2^6 = 64 sign patterns is equally likely;
     * only "all positive" reaches W- <= 0, so P(W- <= 0) = 1/64 and the two-sided p = 2/64 = 0.03125.
     */
    @Test
    void allPositiveSmallSample() {
        WilcoxonSignedRank w = WilcoxonSignedRank.of(new double[] {0.01, 0.02, 0.03, 0.04, 0.05, 0.06});
        assertEquals(21.0, w.wPlus());
        assertEquals(0.0, w.wMinus());
        assertEquals(0.0, w.statistic());
        assertEquals(Method.EXACT, w.method());
        assertEquals(2.0 / 64, w.pValue(), 1e-15);
        assertFalse(w.hasTies());
    }

    /*
     * d = [0.02, 0.01, 0.03, -0.01, 0.02, 0.04] (the t-test example). |d| sorted: 0.01 0.01 0.02 0.02 0.03 0.04,
     * mid-ranks 1.5 1.5 3.5 3.5 5 6. W- = 1.5 (the -0.01), W+ = 21 - 1.5 = 19.5, statistic 1.5.
     * Sign flips of ranks {1.5, 1.5, 3.5, 3.5, 5, 6} with negative-rank sum <= 1.5: {}, {1.5a}, {1.5b} -> 3/64,
     * two-sided p = 6/64 = 0.09375 (scipy 1.17.1 wilcoxon(d) agrees: permutation method, n <= 13 with ties).
     * Integer ranks without mid-ranks (commons-math3) would give P(W >= 20) = 2/64, p = 0.0625.
     */
    @Test
    void tiesUseMidRanksAndExactPermutationDistribution() {
        WilcoxonSignedRank w = WilcoxonSignedRank.of(PairedTTestTest.D);
        assertTrue(w.hasTies());
        assertEquals(19.5, w.wPlus());
        assertEquals(1.5, w.wMinus());
        assertEquals(1.5, w.statistic());
        assertEquals(Method.EXACT, w.method());
        assertEquals(6.0 / 64, w.pValue(), 1e-15);
    }

    /*
     * d = [0, 0.5, -0.25, 1.5, 2, 0, 3]: zeros dropped (zero_method='wilcox'), n' = 5 with ranks
     * 0.25->1, 0.5->2, 1.5->3, 2->4, 3->5. W- = 1, W+ = 14. P(W- <= 1) = |{}, {1}| / 32 = 2/32, p = 4/32 = 0.125
     * (scipy: statistic 1.0, p 0.125). Keeping the zeros as commons-math3 does would rank over 7 values instead.
     */
    @Test
    void zeroDifferencesAreDropped() {
        WilcoxonSignedRank w = WilcoxonSignedRank.of(new double[] {0, 0.5, -0.25, 1.5, 2, 0, 3});
        assertEquals(7, w.n());
        assertEquals(2, w.zeroCount());
        assertEquals(14.0, w.wPlus());
        assertEquals(1.0, w.wMinus());
        assertEquals(Method.EXACT, w.method());
        assertEquals(0.125, w.pValue(), 1e-15);
    }

    /*
     * n = 20, ranks 1..20 with ranks 3, 7, 8, 15 negative: W- = 33, W+ = 177. No ties or zeros and n <= 50, so
     * scipy uses the exact distribution: p = 0.005580902099609375 (= 2 * 2926 / 2^20).
     */
    @Test
    void exactWithoutTiesUpToFifty() {
        WilcoxonSignedRank w = WilcoxonSignedRank.of(twentyWithFourNegative());
        assertEquals(33.0, w.statistic());
        assertEquals(Method.EXACT, w.method());
        assertEquals(0.005580902099609375, w.pValue(), 1e-15);
    }

    /* Where conventions coincide (no zeros, no ties, p < 1) commons-math3's exact p-value is the same. */
    @Test
    void agreesWithCommonsMathWithoutZerosOrTies() {
        double[] d = twentyWithFourNegative();
        var commons = new org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest();
        double commonsP = commons.wilcoxonSignedRankTest(new double[d.length], d, true); // it tests y - x
        assertEquals(commonsP, WilcoxonSignedRank.of(d).pValue(), 1e-15);
        double[] six = {1, 2, 3, 4, 5, 6};
        assertEquals(commons.wilcoxonSignedRankTest(new double[6], six, true), 2.0 / 64, 1e-15);
    }

    /*
     * W+ = W- = 3 for [1, 2, -3]: every sign pattern is at least as extreme, p = 1. commons-math3 returns
     * 2 * P(W >= 3) = 2 * 5/8 = 1.25 here (uncapped), one reason it is not used.
     */
    @Test
    void balancedCaseIsCappedAtOne() {
        double[] d = {1, 2, -3};
        WilcoxonSignedRank w = WilcoxonSignedRank.of(d);
        assertEquals(3.0, w.statistic());
        assertEquals(1.0, w.pValue());
        var commons = new org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest();
        assertEquals(1.25, commons.wilcoxonSignedRankTest(new double[3], d, true), 1e-15);
    }

    /*
     * n = 20 with ties: scipy's auto switches to the normal approximation (tie-corrected, no continuity correction):
     * statistic 34.5, p = 0.008403844959638583, |z| = 2.6353989282302273. Forcing EXACT gives the sign-flip
     * distribution over the mid-ranks: p = 0.0065937042236328125 (brute force over all 2^20 sign patterns in numpy).
     */
    @Test
    void tiesAboveThirteenUseNormalApproximationUnlessExactForced() {
        double[] d = {1, -1, 2, 2, 3, -3, 3, 4, 5, 5, -5, 6, 7, 7, 8, 9, 9, -9, 10, 11};
        WilcoxonSignedRank auto = WilcoxonSignedRank.of(d);
        assertEquals(Method.ASYMPTOTIC, auto.method());
        assertEquals(175.5, auto.wPlus());
        assertEquals(34.5, auto.statistic());
        assertEquals(2.6353989282302273, auto.z(), 1e-12); // signed: positive because W+ > n'(n'+1)/4
        assertEquals(0.008403844959638583, auto.pValue(), 1e-12);

        WilcoxonSignedRank exact = WilcoxonSignedRank.of(d, Method.EXACT);
        assertEquals(Method.EXACT, exact.method());
        assertEquals(0.0065937042236328125, exact.pValue(), 1e-15);
        assertTrue(Double.isNaN(exact.z()));
    }

    /*
     * n = 60 > 50 -> normal approximation even without ties. d_i = (7i mod 11) - 4 for i = 0..59: 5 zeros, many ties.
     * scipy: statistic 495 (W+ = 1045), p = 0.020689043721346168, z = -2.313611474195264 (reported as -|z|).
     */
    @Test
    void largeSampleWithZerosAndTies() {
        double[] d = new double[60];
        for (int i = 0; i < d.length; i++) {
            d[i] = (7 * i) % 11 - 4;
        }
        WilcoxonSignedRank w = WilcoxonSignedRank.of(d);
        assertEquals(Method.ASYMPTOTIC, w.method());
        assertEquals(5, w.zeroCount());
        assertEquals(1045.0, w.wPlus());
        assertEquals(495.0, w.statistic());
        assertEquals(2.313611474195264, w.z(), 1e-12);
        assertEquals(0.020689043721346168, w.pValue(), 1e-12);
    }

    /* Forcing ASYMPTOTIC on the n = 6 no-tie sample: z = (21 - 10.5) / sqrt(6*7*13/24) = 2.2014, p = 0.027707. */
    @Test
    void forcedAsymptoticOnSmallSample() {
        WilcoxonSignedRank w = WilcoxonSignedRank.of(new double[] {1, 2, 3, 4, 5, 6}, Method.ASYMPTOTIC);
        double z = 10.5 / Math.sqrt(6 * 7 * 13 / 24.0);
        assertEquals(z, w.z(), 1e-15);
        assertEquals(0.027707849358079864, w.pValue(), 1e-12); // scipy wilcoxon(..., method='asymptotic')
    }

    /* scipy: all-zero differences give p = 1 for n <= 13 (permutation) and NaN beyond (0/0 normal statistic). */
    @Test
    void allZeroDifferences() {
        assertEquals(1.0, WilcoxonSignedRank.of(new double[3]).pValue());
        WilcoxonSignedRank many = WilcoxonSignedRank.of(new double[20]);
        assertEquals(Method.ASYMPTOTIC, many.method());
        assertTrue(Double.isNaN(many.pValue()));
        assertNull(many.toMap().get("p_value"));
    }

    @Test
    void toMapAndValidation() {
        Map<String, Object> map = WilcoxonSignedRank.of(PairedTTestTest.D).toMap();
        assertEquals("exact", map.get("method"));
        assertEquals(1.5, map.get("statistic"));
        assertNull(map.get("z"));
        assertThrows(IllegalArgumentException.class, () -> WilcoxonSignedRank.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> WilcoxonSignedRank.of(new double[] {1, Double.NaN}));
    }

    static double[] twentyWithFourNegative() {
        double[] d = new double[20];
        for (int i = 0; i < d.length; i++) {
            d[i] = i + 1;
        }
        for (int negativeRank : new int[] {3, 7, 8, 15}) {
            d[negativeRank - 1] = -negativeRank;
        }
        return d;
    }
}
