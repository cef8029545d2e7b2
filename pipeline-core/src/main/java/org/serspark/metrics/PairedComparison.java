package org.serspark.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two models evaluated on the same folds: the per-fold differences "model A minus model B" (positive
 * means A scored higher), their mean, a paired t-test with confidence interval ({@link PairedTTest}) and a Wilcoxon
 * signed-rank test ({@link WilcoxonSignedRank}, scipy's default method choice). Both tests are two-sided and
 * computed once, at construction. Fold i of A must be fold i of B (same held-out speakers).
 */
public final class PairedComparison {
    private final double[] modelA;
    private final double[] modelB;
    private final double[] differences;
    private final PairedTTest tTest;
    private final WilcoxonSignedRank wilcoxon;

    private PairedComparison(double[] modelA, double[] modelB, double confidenceLevel) {
        this.modelA = modelA;
        this.modelB = modelB;
        this.differences = new double[modelA.length];
        for (int i = 0; i < differences.length; i++) {
            differences[i] = modelA[i] - modelB[i];
        }
        this.tTest = PairedTTest.of(differences, confidenceLevel);
        this.wilcoxon = WilcoxonSignedRank.of(differences);
    }

    /** Comparison with a {@value PairedTTest#DEFAULT_CONFIDENCE_LEVEL} confidence interval. */
    public static PairedComparison of(double[] modelA, double[] modelB) {
        return of(modelA, modelB, PairedTTest.DEFAULT_CONFIDENCE_LEVEL);
    }

    /**
     * @param modelA per-fold metric of model A (copied)
     * @param modelB per-fold metric of model B on the same folds (copied)
     * @throws IllegalArgumentException if the arrays are empty, differ in length, hold a non-finite value, or the
     *                                  level is outside (0, 1)
     */
    public static PairedComparison of(double[] modelA, double[] modelB, double confidenceLevel) {
        if (modelA.length != modelB.length) {
            throw new IllegalArgumentException("models have " + modelA.length + " and " + modelB.length
                    + " folds");
        }
        FoldSummary.of(modelA); // validates: non-empty, finite
        FoldSummary.of(modelB);
        return new PairedComparison(modelA.clone(), modelB.clone(), confidenceLevel);
    }

    /** Number of folds. */
    public int n() {
        return differences.length;
    }

    /** Per-fold A - B (copy). */
    public double[] differences() {
        return differences.clone();
    }

    public double meanDifference() {
        return tTest.meanDifference();
    }

    public FoldSummary summaryA() {
        return FoldSummary.of(modelA);
    }

    public FoldSummary summaryB() {
        return FoldSummary.of(modelB);
    }

    public FoldSummary differenceSummary() {
        return FoldSummary.of(differences);
    }

    public PairedTTest tTest() {
        return tTest;
    }

    public WilcoxonSignedRank wilcoxon() {
        return wilcoxon;
    }

    /**
     * {@code n}, {@code model_a}, {@code model_b}, {@code differences} (A - B), {@code mean_difference},
     * {@code t_test} ({@link PairedTTest#toMap()}), {@code wilcoxon} ({@link WilcoxonSignedRank#toMap()}), for JSON.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", differences.length);
        m.put("model_a", summaryA().toMap());
        m.put("model_b", summaryB().toMap());
        List<Double> diffs = new ArrayList<>(differences.length);
        for (double d : differences) {
            diffs.add(d);
        }
        m.put("differences", diffs);
        m.put("mean_difference", meanDifference());
        m.put("t_test", tTest.toMap());
        m.put("wilcoxon", wilcoxon.toMap());
        return m;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "PairedComparison[n=%d, meanDiff=%.4f, t-test p=%.4g, wilcoxon p=%.4g (%s)]", n(),
                meanDifference(), tTest.pValue(), wilcoxon.pValue(), wilcoxon.method());
    }
}
