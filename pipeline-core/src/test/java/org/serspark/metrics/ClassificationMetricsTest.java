package org.serspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
    static final double EPS = 1e-15;

    /*
     * The worked matrix of ConfusionMatrixTest (rows true a b c d, columns predicted):
     *   a: [2, 1, 0, 1]  b: [1, 2, 0, 0]  c: [1, 1, 0, 0]  d: [0, 0, 0, 0]
     *          TP  FP  FN  support  predicted  precision        recall      F1 = 2TP/(2TP+FP+FN)
     *   a       2   2   2     4        4       2/4 = 0.5        2/4 = 0.5   4/8 = 0.5
     *   b       2   2   1     3        4       2/4 = 0.5        2/3         4/7
     *   c       0   0   2     2        0       0 (no preds)     0/2 = 0     0/2 = 0
     *   d       0   1   0     0        1       0/1 = 0          0 (no supp) 0/1 = 0
     * accuracy    = 4/9
     * macro P     = (0.5 + 0.5 + 0 + 0) / 4      = 1/4
     * macro R     = (1/2 + 2/3 + 0 + 0) / 4      = 7/24   (d, absent from y_true, counts as 0: labels= given)
     * UAR         = (1/2 + 2/3 + 0) / 3          = 7/18   (balanced accuracy: only a, b, c have support)
     * macro F1    = (1/2 + 4/7 + 0 + 0) / 4      = 15/56
     */
    @Test
    void workedExampleWithUnpredictedAndUnsupportedClasses() {
        ClassificationMetrics m = ClassificationMetrics.of(ConfusionMatrixTest.worked());
        assertEquals(4.0 / 9, m.accuracy(), EPS);
        assertEquals(0.25, m.macroPrecision(), EPS);
        assertEquals(7.0 / 24, m.macroRecall(), EPS);
        assertEquals(7.0 / 18, m.uar(), EPS);
        assertEquals(15.0 / 56, m.macroF1(), EPS);

        assertEquals(new PerClassMetrics("a", 0.5, 0.5, 0.5, 4), m.perClass(0));
        assertEquals(0.5, m.precision(1), EPS);
        assertEquals(2.0 / 3, m.recall(1), EPS);
        assertEquals(4.0 / 7, m.f1(1), EPS);
        assertEquals(3, m.support(1));
        assertEquals(new PerClassMetrics("c", 0.0, 0.0, 0.0, 2), m.perClass(2));
        assertEquals(new PerClassMetrics("d", 0.0, 0.0, 0.0, 0), m.perClass(3));
    }

    /*
     * Same samples with a fifth label "e" that is neither present nor predicted: it adds a fifth zero to every macro
     * average (sklearn with labels=all, zero_division=0) but leaves UAR and accuracy alone.
     *   macro P = 1/5, macro R = (7/6)/5 = 7/30, macro F1 = (15/14)/5 = 3/14
     */
    @Test
    void classAbsentFromBothSidesCountsAsZeroInMacroAveragesOnly() {
        ClassificationMetrics m = ClassificationMetrics.of(List.of("a", "b", "c", "d", "e"),
                ConfusionMatrixTest.TRUE, ConfusionMatrixTest.PRED);
        assertEquals(0.2, m.macroPrecision(), EPS);
        assertEquals(7.0 / 30, m.macroRecall(), EPS);
        assertEquals(3.0 / 14, m.macroF1(), EPS);
        assertEquals(7.0 / 18, m.uar(), EPS);
        assertEquals(4.0 / 9, m.accuracy(), EPS);
        assertEquals(new PerClassMetrics("e", 0.0, 0.0, 0.0, 0), m.perClass(4));
    }

    /*
     * Precision and recall both defined but different, to tell F1 = harmonic mean from their arithmetic mean.
     *   true: x x x y     pred: x y y y     counts x: [1, 2], y: [0, 1]
     *   x: P = 1/1 = 1, R = 1/3, F1 = 2/(2+0+2) = 1/2   (arithmetic mean would be 2/3)
     *   y: P = 1/3,     R = 1/1, F1 = 2/(2+2+0) = 1/2
     *   accuracy = 2/4 = 1/2, UAR = (1/3 + 1)/2 = 2/3, macro P = 2/3, macro F1 = 1/2
     */
    @Test
    void f1IsHarmonicMeanAndUarDiffersFromAccuracyOnImbalance() {
        ClassificationMetrics m = ClassificationMetrics.of(List.of("x", "y"), new int[] {0, 0, 0, 1},
                new int[] {0, 1, 1, 1});
        assertEquals(0.5, m.accuracy(), EPS);
        assertEquals(2.0 / 3, m.uar(), EPS);
        assertEquals(2.0 / 3, m.macroRecall(), EPS);
        assertEquals(2.0 / 3, m.macroPrecision(), EPS);
        assertEquals(0.5, m.f1(0), EPS);
        assertEquals(0.5, m.f1(1), EPS);
        assertEquals(0.5, m.macroF1(), EPS);
        assertEquals(1.0 / 3, m.recall(0), EPS);
        assertEquals(1.0 / 3, m.precision(1), EPS);
    }

    @Test
    void perfectPredictionsScoreOneOnEveryClassPresent() {
        int[] labels = {0, 1, 2, 2, 1, 0, 2};
        ClassificationMetrics m = ClassificationMetrics.of(List.of("p", "q", "r"), labels, labels);
        assertEquals(1.0, m.accuracy());
        assertEquals(1.0, m.uar());
        assertEquals(1.0, m.macroPrecision());
        assertEquals(1.0, m.macroRecall());
        assertEquals(1.0, m.macroF1());
    }

    /*
     * Perfect predictions with label "r" absent from the fold: UAR = 1 (r skipped) but the macro averages over the
     * fixed 3 labels are (1 + 1 + 0)/3 = 2/3.
     */
    @Test
    void perfectPredictionsWithAbsentClass() {
        int[] labels = {0, 0, 1};
        ClassificationMetrics m = ClassificationMetrics.of(List.of("p", "q", "r"), labels, labels);
        assertEquals(1.0, m.accuracy());
        assertEquals(1.0, m.uar());
        assertEquals(2.0 / 3, m.macroPrecision(), EPS);
        assertEquals(2.0 / 3, m.macroRecall(), EPS);
        assertEquals(2.0 / 3, m.macroF1(), EPS);
    }

    /* Every prediction wrong: all scores exactly 0 (not NaN), including classes with predictions but no TP. */
    @Test
    void allWrongPredictionsScoreZero() {
        ClassificationMetrics m = ClassificationMetrics.of(List.of("p", "q", "r"), new int[] {0, 1, 2, 0},
                new int[] {1, 2, 0, 2});
        assertEquals(0.0, m.accuracy());
        assertEquals(0.0, m.uar());
        assertEquals(0.0, m.macroPrecision());
        assertEquals(0.0, m.macroRecall());
        assertEquals(0.0, m.macroF1());
        for (PerClassMetrics pc : m.perClass()) {
            assertEquals(0.0, pc.f1());
        }
    }

    @Test
    void emptyMatrixIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(List.of("p", "q"), new int[0], new int[0]));
    }

    @Test
    void toMapHoldsHeadlineAndPerClassScores() {
        Map<String, Object> map = ClassificationMetrics.of(ConfusionMatrixTest.worked()).toMap();
        assertEquals(9, map.get("n_samples"));
        assertEquals(7.0 / 18, (Double) map.get("uar"), EPS);
        assertEquals(15.0 / 56, (Double) map.get("macro_f1"), EPS);
        Map<?, ?> perClass = (Map<?, ?>) map.get("per_class");
        assertEquals(List.of("a", "b", "c", "d"), List.copyOf(perClass.keySet()));
        assertEquals(Map.of("precision", 0.0, "recall", 0.0, "f1", 0.0, "support", 2), perClass.get("c"));
        assertEquals(ConfusionMatrixTest.worked().toMap(), map.get("confusion_matrix"));
    }
}
