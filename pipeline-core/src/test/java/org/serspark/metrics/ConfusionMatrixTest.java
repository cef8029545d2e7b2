package org.serspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    static final List<String> ABCD = List.of("a", "b", "c", "d");

    /*
     * Worked example shared with ClassificationMetricsTest.
     *   true: a a a a b b b c c
     *   pred: a a b d b b a a b
     * counts [true][pred]      support
     *   a: [2, 1, 0, 1]        4
     *   b: [1, 2, 0, 0]        3
     *   c: [1, 1, 0, 0]        2      (c is never predicted)
     *   d: [0, 0, 0, 0]        0      (d has no support but is predicted once)
     * predicted (column sums): a 4, b 4, c 0, d 1; trace 4; total 9
     */
    static final int[] TRUE = {0, 0, 0, 0, 1, 1, 1, 2, 2};
    static final int[] PRED = {0, 0, 1, 3, 1, 1, 0, 0, 1};

    static ConfusionMatrix worked() {
        return ConfusionMatrix.of(ABCD, TRUE, PRED);
    }

    @Test
    void countsAreTrueByPredicted() {
        ConfusionMatrix cm = worked();
        int[][] expected = {{2, 1, 0, 1}, {1, 2, 0, 0}, {1, 1, 0, 0}, {0, 0, 0, 0}};
        assertArrayEquals(expected, cm.counts());
        // a transposed matrix would give count(0, 3) == 0 and count(3, 0) == 1
        assertEquals(1, cm.count(0, 3));
        assertEquals(0, cm.count(3, 0));
        assertEquals(9, cm.total());
        assertEquals(4, cm.correct());
        assertArrayEquals(new int[] {4, 3, 2, 0}, new int[] {cm.support(0), cm.support(1), cm.support(2),
                cm.support(3)});
        assertArrayEquals(new int[] {4, 4, 0, 1}, new int[] {cm.predictedCount(0), cm.predictedCount(1),
                cm.predictedCount(2), cm.predictedCount(3)});
    }

    @Test
    void rowNormalizedDividesBySupportAndLeavesEmptyRowZero() {
        double[][] n = worked().rowNormalized();
        assertArrayEquals(new double[] {0.5, 0.25, 0, 0.25}, n[0], 1e-15);
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3, 0, 0}, n[1], 1e-15);
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0}, n[2], 1e-15);
        assertArrayEquals(new double[] {0, 0, 0, 0}, n[3]); // no support: zeros, not NaN
    }

    @Test
    void plusPoolsFolds() {
        ConfusionMatrix fold1 = ConfusionMatrix.of(List.of("x", "y"), new int[] {0, 1}, new int[] {0, 0});
        ConfusionMatrix fold2 = ConfusionMatrix.of(List.of("x", "y"), new int[] {1, 1, 0}, new int[] {1, 0, 1});
        ConfusionMatrix pooled = fold1.plus(fold2);
        assertArrayEquals(new int[][] {{1, 1}, {2, 1}}, pooled.counts());
        assertEquals(5, pooled.total());
        assertEquals(ConfusionMatrix.fromCounts(List.of("x", "y"), new int[][] {{1, 1}, {2, 1}}), pooled);
        assertThrows(IllegalArgumentException.class,
                () -> fold1.plus(ConfusionMatrix.fromCounts(List.of("x", "z"), new int[2][2])));
    }

    @Test
    void countsAreDefensivelyCopied() {
        int[][] raw = {{1, 0}, {0, 1}};
        ConfusionMatrix cm = ConfusionMatrix.fromCounts(List.of("x", "y"), raw);
        raw[0][0] = 99;
        cm.counts()[0][0] = 99;
        assertEquals(1, cm.count(0, 0));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(ABCD, new int[] {0}, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(ABCD, new int[] {4}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(ABCD, new int[] {0}, new int[] {-1}));
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(List.of("a", "a"), new int[] {0}, new int[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.fromCounts(List.of("x", "y"), new int[][] {{1, -1}, {0, 0}}));
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.fromCounts(List.of("x", "y"), new int[][] {{1, 0, 0}, {0, 0, 0}}));
    }

    @Test
    void toMapHoldsCountsAndNormalizedRows() {
        Map<String, Object> m = worked().toMap();
        assertEquals(ABCD, m.get("labels"));
        assertEquals(List.of(List.of(2, 1, 0, 1), List.of(1, 2, 0, 0), List.of(1, 1, 0, 0), List.of(0, 0, 0, 0)),
                m.get("counts"));
        assertEquals(List.of(0.5, 0.25, 0.0, 0.25), ((List<?>) m.get("row_normalized")).get(0));
    }
}
