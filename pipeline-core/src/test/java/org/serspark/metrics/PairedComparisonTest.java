package org.serspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {
    /*
     * Dyadic fold scores so that a - b is exact: A - B = 0.0625 * [2, 1, 3, -1, 2, 4] = 6.25 x the
     * PairedTTestTest differences. t and p are scale-free, so they are the same as there (t = 2.60725..,
     * p = 0.0478284..), the interval scales by 6.25 and the Wilcoxon ranks, ties included, are unchanged
     * (p = 6/64).
     */
    static final double[] A = {0.75, 0.5, 0.625, 0.25, 0.875, 1.0};
    static final double[] B = {0.625, 0.4375, 0.4375, 0.3125, 0.75, 0.75};

    @Test
    void differencesAreAMinusB() {
        PairedComparison c = PairedComparison.of(A, B);
        assertEquals(6, c.n());
        assertArrayEquals(new double[] {0.125, 0.0625, 0.1875, -0.0625, 0.125, 0.25}, c.differences());
        assertEquals(0.6875 / 6, c.meanDifference(), 1e-16);
        // swapping the models negates everything signed
        PairedComparison swapped = PairedComparison.of(B, A);
        assertEquals(-c.meanDifference(), swapped.meanDifference());
        assertEquals(-c.tTest().t(), swapped.tTest().t(), 1e-15);
        assertEquals(c.wilcoxon().wPlus(), swapped.wilcoxon().wMinus());
    }

    @Test
    void testsMatchScaledReference() {
        PairedComparison c = PairedComparison.of(A, B);
        assertEquals(2.6072500472698747, c.tTest().t(), 1e-12);
        assertEquals(0.047828429596299196, c.tTest().pValue(), 1e-12);
        assertEquals(6.25 * 0.00025783892393412694, c.tTest().ciLower(), 1e-12);
        assertEquals(6.25 * 0.03640882774273253, c.tTest().ciUpper(), 1e-12);
        assertEquals(6.0 / 64, c.wilcoxon().pValue(), 1e-15);
        assertEquals(1.5, c.wilcoxon().statistic());
    }

    @Test
    void summariesAndMap() {
        PairedComparison c = PairedComparison.of(A, B);
        assertEquals(4.0 / 6, c.summaryA().mean(), 1e-15);
        assertEquals(3.3125 / 6, c.summaryB().mean(), 1e-15);
        assertEquals(-0.0625, c.differenceSummary().min());
        Map<String, Object> m = c.toMap();
        assertEquals(List.of(0.125, 0.0625, 0.1875, -0.0625, 0.125, 0.25), m.get("differences"));
        assertEquals(c.tTest().toMap(), m.get("t_test"));
        assertEquals(c.wilcoxon().toMap(), m.get("wilcoxon"));
        assertEquals(c.summaryA().toMap(), m.get("model_a"));
    }

    @Test
    void rejectsMismatchedFolds() {
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(A, new double[] {0.5}));
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.of(new double[] {0.5, Double.NaN}, new double[] {0.5, 0.5}));
    }
}
