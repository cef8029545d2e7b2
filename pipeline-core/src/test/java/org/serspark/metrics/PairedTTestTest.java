package org.serspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class PairedTTestTest {

    /*
     * d = [0.02, 0.01, 0.03, -0.01, 0.02, 0.04], n = 6, df = 5
     *   mean = 0.11 / 6 = 0.018333...
     *   deviations 0.001667 -0.008333 0.011667 -0.028333 0.001667 0.021667, squares sum 0.00148333
     *   sd = sqrt(0.00148333 / 5) = 0.0172240142, SE = sd / sqrt(6) = 0.0070316744
     *   t = mean / SE = 2.60725005
     *   p = 2 * (1 - F_t5(2.60725)) = 0.0478284
     *   t_{0.975, 5} = 2.5705818356, half width = 2.5705818 * 0.0070316744 = 0.0180755
     *   95% CI = [0.0002578, 0.0364088]
     * Reference digits from numpy formulas and scipy 1.17.1 stats.ttest_rel(d, 0) / .confidence_interval().
     */
    static final double[] D = {0.02, 0.01, 0.03, -0.01, 0.02, 0.04};

    @Test
    void knownValues() {
        PairedTTest t = PairedTTest.of(D);
        assertEquals(6, t.n());
        assertEquals(5, t.degreesOfFreedom());
        assertEquals(0.01833333333333333, t.meanDifference(), 1e-16);
        assertEquals(0.017224014243685085, t.stdDifference(), 1e-16);
        assertEquals(0.007031674369909664, t.standardError(), 1e-16);
        assertEquals(2.6072500472698747, t.t(), 1e-12);
        assertEquals(0.047828429596299196, t.pValue(), 1e-12);
        assertEquals(0.95, t.confidenceLevel());
        assertEquals(0.00025783892393412694, t.ciLower(), 1e-12);
        assertEquals(0.03640882774273253, t.ciUpper(), 1e-12);
    }

    /* scipy: ttest_rel(d, 0).confidence_interval(0.90) = (0.004164169332439346, 0.032502497334227304) */
    @Test
    void otherConfidenceLevel() {
        PairedTTest t = PairedTTest.of(D, 0.90);
        assertEquals(0.004164169332439346, t.ciLower(), 1e-12);
        assertEquals(0.032502497334227304, t.ciUpper(), 1e-12);
        assertEquals(0.047828429596299196, t.pValue(), 1e-12);
    }

    /* Differences of the opposite sign: t flips, p and interval width stay. */
    @Test
    void negatedDifferences() {
        double[] neg = new double[D.length];
        for (int i = 0; i < D.length; i++) {
            neg[i] = -D[i];
        }
        PairedTTest t = PairedTTest.of(neg);
        assertEquals(-2.6072500472698747, t.t(), 1e-12);
        assertEquals(0.047828429596299196, t.pValue(), 1e-12);
        assertEquals(-0.03640882774273253, t.ciLower(), 1e-12);
        assertEquals(-0.00025783892393412694, t.ciUpper(), 1e-12);
    }

    @Test
    void pValueMatchesCommonsMathPairedTTest() {
        double[] a = {0.61, 0.55, 0.72, 0.58, 0.66, 0.70, 0.52};
        double[] b = {0.60, 0.57, 0.65, 0.58, 0.61, 0.69, 0.50};
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        PairedTTest t = PairedTTest.of(d);
        TTest commons = new TTest();
        assertEquals(commons.pairedT(a, b), t.t(), 1e-12);
        assertEquals(commons.pairedTTest(a, b), t.pValue(), 1e-12);
    }

    /* scipy: identical non-zero differences give t = inf, p = 0, CI = [mean, mean]; all-zero give NaN. */
    @Test
    void zeroVarianceCases() {
        PairedTTest constant = PairedTTest.of(new double[] {1, 1, 1});
        assertEquals(Double.POSITIVE_INFINITY, constant.t());
        assertEquals(0.0, constant.pValue());
        assertEquals(1.0, constant.ciLower());
        assertEquals(1.0, constant.ciUpper());
        assertEquals(Double.NEGATIVE_INFINITY, PairedTTest.of(new double[] {-1, -1}).t());

        PairedTTest zeros = PairedTTest.of(new double[] {0, 0, 0});
        assertTrue(Double.isNaN(zeros.t()));
        assertTrue(Double.isNaN(zeros.pValue()));
        assertEquals(0.0, zeros.ciLower());
    }

    @Test
    void singleDifferenceIsUndefined() {
        PairedTTest one = PairedTTest.of(new double[] {0.03});
        assertEquals(0.03, one.meanDifference());
        assertEquals(0, one.degreesOfFreedom());
        assertTrue(Double.isNaN(one.pValue()));
        assertTrue(Double.isNaN(one.ciLower()));
        Map<String, Object> map = one.toMap();
        assertNull(map.get("p_value"));
        assertEquals(0.03, map.get("mean_difference"));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> PairedTTest.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> PairedTTest.of(D, 1.0));
        assertThrows(IllegalArgumentException.class, () -> PairedTTest.of(D, 0.0));
        assertThrows(IllegalArgumentException.class, () -> PairedTTest.of(new double[] {0.1, Double.NaN}));
    }
}
